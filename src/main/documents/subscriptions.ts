// Who opened which document: the registry behind scoped events (VS Code's listen(event, arg)).
// `documents.open` subscribes the calling client, `close` ends it, and a transport that loses a
// client (a closed WebSocket, a destroyed or reloaded webContents) drops all of that client's
// subscriptions with `dropClient`. onDocumentChanged goes to `subscribers(docId)` only.
export class DocumentSubscriptions {
  private readonly byDoc = new Map<string, Set<string>>();
  private readonly byClient = new Map<string, Set<string>>();

  subscribe(clientId: string, docId: string): void {
    let clients = this.byDoc.get(docId);
    if (!clients) this.byDoc.set(docId, (clients = new Set()));
    clients.add(clientId);
    let docs = this.byClient.get(clientId);
    if (!docs) this.byClient.set(clientId, (docs = new Set()));
    docs.add(docId);
  }

  unsubscribe(clientId: string, docId: string): void {
    const clients = this.byDoc.get(docId);
    clients?.delete(clientId);
    if (clients?.size === 0) this.byDoc.delete(docId);
    const docs = this.byClient.get(clientId);
    docs?.delete(docId);
    if (docs?.size === 0) this.byClient.delete(clientId);
  }

  /** Ends every subscription of a client that went away; returns the documents it had open. */
  dropClient(clientId: string): string[] {
    const docs = [...(this.byClient.get(clientId) ?? [])];
    for (const docId of docs) this.unsubscribe(clientId, docId);
    return docs;
  }

  /** Forgets a deleted document's subscribers. */
  dropDocument(docId: string): void {
    for (const clientId of [...(this.byDoc.get(docId) ?? [])]) this.unsubscribe(clientId, docId);
  }

  subscribers(docId: string): string[] {
    return [...(this.byDoc.get(docId) ?? [])];
  }

  isOpen(docId: string): boolean {
    return this.byDoc.has(docId);
  }
}
