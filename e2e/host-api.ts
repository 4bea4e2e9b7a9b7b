// Calls the Montage host from inside the page, over a WebSocket of its own to /api (the page's
// cookie carries the token): for set-up a user would take minutes over (200 projects, a short
// benchmark) and that the UI under test must then show. Not a way around the UI being tested.
import type { Page } from '@playwright/test';

export async function callHost<T = unknown>(page: Page, service: string, method: string, args: Record<string, unknown> = {}): Promise<T> {
  return page.evaluate(
    async ({ service, method, args }) => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`);
      try {
        await new Promise<void>((resolve, reject) => {
          ws.onopen = () => resolve();
          ws.onerror = () => reject(new Error('WebSocket to the host failed'));
        });
        return await new Promise<unknown>((resolve, reject) => {
          ws.onmessage = (e) => {
            const frame = JSON.parse(String(e.data)) as { kind: string; id?: number; ok?: boolean; value?: unknown; error?: { message: string } };
            if (frame.kind !== 'result' || frame.id !== 1) return;
            if (frame.ok) resolve(frame.value);
            else reject(new Error(frame.error?.message ?? 'call failed'));
          };
          ws.send(JSON.stringify({ kind: 'call', id: 1, service, method, args }));
        });
      } finally {
        ws.close();
      }
    },
    { service, method, args },
  ) as Promise<T>;
}
