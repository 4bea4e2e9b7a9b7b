import { describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../shared/api';
import { StudioClient } from './studio-client';
import type { ConnectionState, Transport } from './transport';

function fakeTransport() {
  let emit: (name: string, payload: unknown) => void = () => {};
  const calls: [string, string, unknown][] = [];
  const transport: Transport = {
    connection: 'connected' as ConnectionState,
    call: (service, method, args) => {
      calls.push([service, method, args]);
      if (method === 'delete') return Promise.reject(new StudioError('not-found', 'No such project.'));
      return Promise.resolve({ echoed: args });
    },
    onEvent: (listener) => {
      emit = listener;
      return () => {
        emit = () => {};
      };
    },
    onConnection: () => () => {},
    close: vi.fn(),
  };
  return { transport, calls, emit: (name: string, payload: unknown) => emit(name, payload) };
}

describe('StudioClient', () => {
  it('forwards proxy calls as service, method and one args object', async () => {
    const { transport, calls } = fakeTransport();
    const client = new StudioClient(transport);
    await expect(client.projects.create({ name: 'Demo' })).resolves.toEqual({ echoed: { name: 'Demo' } });
    await client.call('benchmarks', 'start', {});
    expect(calls).toEqual([
      ['projects', 'create', { name: 'Demo' }],
      ['benchmarks', 'start', {}],
    ]);
  });

  it('passes StudioErrors through unchanged', async () => {
    const client = new StudioClient(fakeTransport().transport);
    await expect(client.projects.delete({ id: 'x' })).rejects.toMatchObject({ code: 'not-found', message: 'No such project.' });
  });

  it('offers every contract method and nothing else', () => {
    const client = new StudioClient(fakeTransport().transport);
    expect(Object.keys(client.jobs).sort()).toEqual(['cancel', 'clearFinished', 'get', 'list', 'series']);
    expect(Object.isFrozen(client.system)).toBe(true);
  });

  it('delivers known events to their subscribers until they unsubscribe', () => {
    const { transport, emit } = fakeTransport();
    const client = new StudioClient(transport);
    const seen: unknown[] = [];
    const off = client.on('onBackendChanged', (p) => seen.push(p));
    emit('onBackendChanged', { name: 'wasm' });
    emit('onSomethingUnknown', { name: 'x' });
    off();
    emit('onBackendChanged', { name: 'cpu' });
    expect(seen).toEqual([{ name: 'wasm' }]);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const { transport, emit } = fakeTransport();
    const client = new StudioClient(transport);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    client.on('onProjectsChanged', () => {
      throw new Error('boom');
    });
    client.on('onProjectsChanged', (p) => seen.push(p.id));
    emit('onProjectsChanged', { reason: 'created', id: 'p1' });
    expect(seen).toEqual(['p1']);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('closes the transport on dispose', () => {
    const { transport } = fakeTransport();
    new StudioClient(transport).dispose();
    expect(transport.close).toHaveBeenCalledOnce();
  });
});
