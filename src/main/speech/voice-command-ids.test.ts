// The voice-command grammar (src/shared/speech/voice-commands.ts) names commands of the renderer's
// registry by id; the shared code cannot import the renderer, so this reads the registry's source
// and checks that every id named is one it defines, keeping the two from drifting apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { voiceCommands } from '../../shared/speech/voice-commands';
import { packageRoot } from '../paths';

describe('voice commands against the command registry', () => {
  it('names only commands the registry defines', () => {
    const source = readFileSync(join(packageRoot(), 'src', 'renderer', 'commands', 'registry.ts'), 'utf8');
    const defined = new Set([...source.matchAll(/\bid: '([^']+)'/g)].map((m) => m[1]));
    expect(defined.size).toBeGreaterThan(20);
    const named = voiceCommands.flatMap((c) => c.registryIds);
    expect(named.filter((id) => !defined.has(id))).toEqual([]);
  });
});
