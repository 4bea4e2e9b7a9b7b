// `montage serve`: the host plus the renderer over HTTP/WebSocket on 127.0.0.1, for any browser
// (and for machines where the Electron binary could not be installed).
import { spawn } from 'node:child_process';
import { createHost } from '../main/host';
import { defaultDataDir, rendererDir } from '../main/paths';
import { startServer } from '../main/server/serve';

export interface ServeFlags {
  port?: number;
  open?: boolean;
  dataDir?: string;
}

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

export async function serveCommand(flags: ServeFlags): Promise<void> {
  const dataDir = flags.dataDir ?? defaultDataDir();
  const host = createHost({ dataDir, shell: 'serve' });
  const server = await startServer({ host, rendererDir: rendererDir(), ...(flags.port !== undefined ? { port: flags.port } : {}) });
  console.log(`Montage is running at ${server.launchUrl}`);
  console.log(`Data: ${host.paths.root}. Only this machine can connect, and only with the link above. Press Ctrl+C to stop.`);
  if (flags.open) openInBrowser(server.launchUrl);
  const stop = (): void => {
    void server.close().finally(() => {
      host.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
