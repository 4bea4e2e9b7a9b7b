// `montage serve`: the host plus the renderer over HTTP/WebSocket on 127.0.0.1, for any browser
// (and for machines where the Electron binary could not be installed).
import { createHost, type Host } from '../main/host';
import { InstanceLockedError } from '../main/instance-lock';
import { defaultDataDir, rendererDir } from '../main/paths';
import { openInBrowser as openWithDesktop, sweepLaunchFiles, writeLaunchFile, type LaunchFile } from '../main/server/launch-browser';
import { startServer } from '../main/server/serve';

export interface ServeFlags {
  port?: number;
  open?: boolean;
  dataDir?: string;
}

/**
 * Opens `url` through a private redirect file (launch-browser.ts): a URL with the token on the
 * browser's command line would be readable by every local user in `ps`. Says so when no browser
 * can be opened. The file goes into `files` as soon as it exists, for serve to remove when it stops.
 */
async function openInBrowser(url: string, dataDir: string, files: LaunchFile[] = []): Promise<void> {
  try {
    const file = writeLaunchFile(dataDir, url);
    files.push(file);
    const r = await openWithDesktop(file.fileUrl);
    if (!r.opened) console.log(`Montage could not open a browser: ${r.reason}. Open the link above by hand.`);
  } catch (err) {
    console.log(`Montage could not open a browser (${err instanceof Error ? err.message : String(err)}). Open the link above by hand.`);
  }
}

export async function serveCommand(flags: ServeFlags): Promise<void> {
  const dataDir = flags.dataDir ?? defaultDataDir();
  let host: Host;
  try {
    host = createHost({ dataDir, shell: 'serve' });
  } catch (err) {
    if (!(err instanceof InstanceLockedError)) throw err;
    // One host per data folder (instance-lock.ts): hand over to the running one, start nothing.
    const running = err.holder.url;
    if (running) {
      console.log(`Montage is already running for this data folder at ${running}; open that link.`);
      // Its redirect file stays for the browser to read; the next serve's sweep removes it.
      if (flags.open) await openInBrowser(running, dataDir);
      process.exitCode = 0;
    } else {
      console.error(`montage: ${err.message}`);
      process.exitCode = 1;
    }
    return;
  }
  const server = await startServer({ host, rendererDir: rendererDir(), ...(flags.port !== undefined ? { port: flags.port } : {}) });
  // What a second `serve`, and the CLI's writing commands, read to find this host.
  host.lock?.update({ port: server.port, url: server.launchUrl, token: server.token });
  // The link is on our own host name (<label>.localhost) so its cookie reaches no other local
  // server; the 127.0.0.1 line is for browsers that do not resolve *.localhost. Both say "running at":
  // e2e/serve-fixture.ts and bench/ read the 127.0.0.1 one.
  console.log(`Montage is running at ${server.launchUrl}`);
  console.log(`Also running at ${server.fallbackUrl} (if your browser cannot open the link above).`);
  console.log(`Data: ${host.paths.root}. Only this machine can connect, and only with these links, until this server stops. Press Ctrl+C to stop.`);
  sweepLaunchFiles(dataDir);
  const launchFiles: LaunchFile[] = [];
  const stop = (): void => {
    for (const f of launchFiles) f.remove();
    void server.close().finally(() => {
      host.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (flags.open) await openInBrowser(server.launchUrl, dataDir, launchFiles);
}
