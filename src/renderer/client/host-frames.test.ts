import { describe, expect, it } from 'vitest';
import { parseHostFrame } from './host-frames';

describe('parseHostFrame', () => {
  it('reads successful results', () => {
    expect(parseHostFrame('{"kind":"result","id":3,"ok":true,"value":{"a":1}}')).toEqual({
      kind: 'result',
      id: 3,
      ok: true,
      value: { a: 1 },
    });
  });

  it('reads failed results with their issues', () => {
    const frame = parseHostFrame(
      JSON.stringify({
        kind: 'result',
        id: 1,
        ok: false,
        error: { code: 'invalid-argument', message: 'Bad name', issues: [{ path: 'name', message: 'Too long' }] },
      }),
    );
    expect(frame).toEqual({
      kind: 'result',
      id: 1,
      ok: false,
      error: { code: 'invalid-argument', message: 'Bad name', issues: [{ path: 'name', message: 'Too long' }] },
    });
  });

  it('turns an unknown error code or missing message into a readable internal error', () => {
    const frame = parseHostFrame('{"kind":"result","id":1,"ok":false,"error":{"code":"weird"}}');
    expect(frame).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(frame && frame.kind === 'result' && !frame.ok && frame.error.message).toBeTruthy();
  });

  it('reads events', () => {
    expect(parseHostFrame('{"kind":"event","name":"onJobChanged","payload":{"id":"x"}}')).toEqual({
      kind: 'event',
      name: 'onJobChanged',
      payload: { id: 'x' },
    });
  });

  it('drops malformed frames', () => {
    expect(parseHostFrame('not json')).toBeNull();
    expect(parseHostFrame('42')).toBeNull();
    expect(parseHostFrame('{"kind":"result","id":"1","ok":true}')).toBeNull();
    expect(parseHostFrame('{"kind":"event"}')).toBeNull();
    expect(parseHostFrame('{"kind":"call","id":1}')).toBeNull();
  });
});
