// The only two IPC channels between the Electron main process and the renderer's preload.
export const callChannel = 'montage:call';
export const eventChannel = 'montage:event';
