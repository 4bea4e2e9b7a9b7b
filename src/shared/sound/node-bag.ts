// Owns audio nodes so they are disposed exactly once: every Tone node an instrument, a track's
// channel or the metronome creates goes into a bag, and leaving the editor (or rebuilding a
// track's instrument) empties it. Web Audio nodes connected to the destination are never garbage
// collected, so a node not disposed is a node that leaks (and may keep sounding).
export interface Disposable {
  dispose(): unknown;
}

export class NodeBag {
  private nodes: Disposable[] = [];

  add<T extends Disposable>(node: T): T {
    this.nodes.push(node);
    return node;
  }

  get size(): number {
    return this.nodes.length;
  }

  /** Disposes every node (last made first, so a chain's output goes after its inputs); a node that
   * throws does not keep the others alive. Returns how many were disposed. */
  dispose(): number {
    const nodes = this.nodes.reverse();
    this.nodes = [];
    for (const node of nodes) {
      try {
        node.dispose();
      } catch {
        // Already disposed by its owner (a PolySynth disposes its voices): nothing left to free.
      }
    }
    return nodes.length;
  }
}
