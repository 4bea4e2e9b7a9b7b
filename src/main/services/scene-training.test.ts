import { describe, expect, it } from 'vitest';
import { readSceneScripts, summariseSceneScripts } from './scene-training';

const fountain = 'INT. KITCHEN - NIGHT\n\nMara waits.\n\nEXT. PIER - DAY\n\nJonah runs.\n';

describe('scene training sources', () => {
  it('reads Fountain text and file bytes, listing files that cannot be read', () => {
    const { texts, unreadable } = readSceneScripts([
      { name: 'a.fountain', fountain },
      { name: 'b.fountain', bytes: new Uint8Array(Buffer.from(fountain)) },
      { name: 'c.fdx', bytes: new Uint8Array(Buffer.from('<FinalDraft><Content>')) },
      { name: 'd.fountain', bytes: new Uint8Array([0, 1, 2, 0, 255, 0]) },
    ]);
    expect(texts.map((t) => t.name)).toEqual(['a.fountain', 'b.fountain']);
    expect(unreadable.map((u) => u.name)).toEqual(['c.fdx', 'd.fountain']);
    const summary = summariseSceneScripts([...texts, { name: 'notes', fountain: 'Just a note.\n' }], unreadable);
    expect(summary).toMatchObject({ scripts: 3, scenes: 4, withoutScenes: 1, enough: true, minScenes: 2 });
    expect(summary.summary).toBe('4 scenes in 3 scripts; 1 script has no scene headings; 2 files could not be read');
  });

  it('is not enough with fewer than two scenes', () => {
    expect(summariseSceneScripts([{ name: 'x', fountain: 'INT. ROOM - DAY\n\nHello.\n' }], []).enough).toBe(false);
  });
});
