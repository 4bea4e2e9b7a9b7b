// Who is calling: each transport names its connections (a WebSocket, an Electron webContents) with
// a client id and passes it to Host.dispatch, which hands it to the service as a second argument.
// Services that subscribe the caller to something (documents.open) need it; calls made inside the
// host (the CLI's own host, tests) have none.
export interface CallContext {
  clientId: string;
}
