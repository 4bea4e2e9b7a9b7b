// The banner across the top when the host is out of reach. A lost link says it is reconnecting
// (the transport retries on its own); a refused token says what to do, since retrying cannot help.
import { useSystemStore } from '../../stores/system-store';

export function ConnectionBanner() {
  const connection = useSystemStore((s) => s.connection);
  if (connection === 'reconnecting') {
    return (
      <div className="banner banner-warn" data-testid="connection-banner" role="alert">
        Lost connection to the Montage host — reconnecting…
      </div>
    );
  }
  if (connection === 'unauthorized') {
    return (
      <div className="banner banner-error" data-testid="connection-banner" role="alert">
        This page's access token is no longer valid — open the link printed by <code>montage serve</code> again
      </div>
    );
  }
  return null;
}
