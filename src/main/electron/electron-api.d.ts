// Types for the part of Electron's main-process and preload API that Montage uses. The `electron`
// package (whose binary downloads from the internet at install) is optional, so its bundled types
// are not always present; tsconfig maps 'electron' here so typechecking never depends on it.
declare module 'electron' {
  export interface WebContents {
    send(channel: string, ...args: unknown[]): void;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): this;
    on(event: 'destroyed' | 'did-navigate', listener: () => void): this;
    isDestroyed(): boolean;
    getURL(): string;
    readonly id: number;
  }
  interface BrowserWindowOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    title?: string;
    backgroundColor?: string;
    show?: boolean;
    webPreferences?: {
      preload?: string;
      contextIsolation?: boolean;
      sandbox?: boolean;
      nodeIntegration?: boolean;
      webSecurity?: boolean;
      spellcheck?: boolean;
    };
  }
  export class BrowserWindow {
    constructor(options?: BrowserWindowOptions);
    webContents: WebContents;
    loadFile(path: string): Promise<void>;
    once(event: 'ready-to-show', listener: () => void): this;
    show(): void;
    focus(): void;
    restore(): void;
    isMinimized(): boolean;
    static getAllWindows(): BrowserWindow[];
  }
  interface IpcMainInvokeEvent {
    senderFrame: { url: string } | null;
    sender: WebContents;
  }
  export const ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown): void;
  };
  export const app: {
    whenReady(): Promise<void>;
    on(event: 'window-all-closed' | 'before-quit' | 'activate' | 'second-instance', listener: () => void): void;
    requestSingleInstanceLock(): boolean;
    quit(): void;
    setName(name: string): void;
    getPath(name: 'userData'): string;
  };
  export const dialog: { showErrorBox(title: string, content: string): void };
  export const Menu: { setApplicationMenu(menu: unknown): void; buildFromTemplate(template: unknown[]): unknown };
  export const shell: { openExternal(url: string): Promise<void> };
  interface Session {
    setPermissionRequestHandler(
      handler: ((webContents: WebContents, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null,
    ): void;
    setPermissionCheckHandler(
      handler: ((webContents: WebContents | null, permission: string, requestingOrigin: string, details: unknown) => boolean) | null,
    ): void;
  }
  export const session: { defaultSession: Session };
  interface CustomScheme {
    scheme: string;
    privileges?: { standard?: boolean; secure?: boolean; stream?: boolean; supportFetchAPI?: boolean; bypassCSP?: boolean; corsEnabled?: boolean };
  }
  export const protocol: {
    /** Must run before app is ready. */
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  interface IpcRendererEvent {
    sender: unknown;
  }
  export const ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): void;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): void;
  };
  export const contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
}
