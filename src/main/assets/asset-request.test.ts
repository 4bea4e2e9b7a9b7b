import { describe, expect, it } from 'vitest';
import { assetFilePath, parseAssetPath, parseAssetUrl, parseRange, rangeHeaders } from './asset-request';

const pid = '0f8fad5b-d9cb-469f-a165-70867728950e';
const hash = 'a'.repeat(64);

describe('asset paths', () => {
  it('accepts exactly /assets/<uuid>/<sha256>', () => {
    expect(parseAssetPath(`/assets/${pid}/${hash}`)).toEqual({ projectId: pid, hash });
    expect(parseAssetUrl(`montage-asset://${pid}/${hash}`)).toEqual({ projectId: pid, hash });
  });
  it.each([
    `/assets/${pid}/${hash}/`,
    `/assets/${pid}/${'A'.repeat(64)}`,
    `/assets/${pid}/${hash.slice(1)}`,
    `/assets/../${pid}/${hash}`,
    `/assets/${pid}/..%2f..%2fmontage.db`,
    `/assets/%2e%2e/${hash}`,
    `/assets/${pid}/${hash}.wav`,
    `/assets/${pid.toUpperCase()}/${hash}`,
    `/assets/${pid}`,
  ])('refuses %s', (path) => {
    expect(parseAssetPath(path)).toBeNull();
  });
  it('refuses other schemes, queries and paths in Electron URLs', () => {
    expect(parseAssetUrl(`file:///${pid}/${hash}`)).toBeNull();
    expect(parseAssetUrl(`montage-asset://${pid}/${hash}?x=1`)).toBeNull();
    expect(parseAssetUrl(`montage-asset://${pid}/x/${hash}`)).toBeNull();
    expect(parseAssetUrl('not a url')).toBeNull();
  });
  it('builds the file path inside the project folder', () => {
    expect(assetFilePath('/data', pid, hash, 'wav')).toBe(`/data/projects/${pid}/assets/${hash}.wav`);
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=10-', { kind: 'partial', start: 10, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5-4', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=-', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'unsatisfiable' }],
    ['bytes=abc', { kind: 'unsatisfiable' }],
  ] as const)('%s on 1000 bytes', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
  it('never satisfies a range of an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
  it('answers 206 with Content-Range, 416 with the size', () => {
    expect(rangeHeaders({ kind: 'partial', start: 10, end: 19 }, 100, 'audio/wav')).toEqual({
      status: 206,
      headers: { 'Accept-Ranges': 'bytes', 'Cache-Control': 'private', 'Content-Type': 'audio/wav', 'Content-Length': '10', 'Content-Range': 'bytes 10-19/100' },
    });
    expect(rangeHeaders({ kind: 'unsatisfiable' }, 100, 'audio/wav').headers['Content-Range']).toBe('bytes */100');
    expect(rangeHeaders({ kind: 'full' }, 100, 'audio/wav').status).toBe(200);
  });
});
