import { FluentProvider } from '@fluentui/react-components';
import { PortalProvider } from './runtime/PortalContext';
import { PortalShell } from './shell/PortalShell';
import { webLightTheme } from './theme';

/** The simulator island: the portal look-alike over the lab's tenant, restored from IndexedDB. */
export default function Simulator({ labId, seedId }: { labId: string; seedId: string }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <PortalProvider
        labId={labId}
        seedId={seedId}
        fallback={(error) =>
          // Plain elements here: this renders before anything else, on every lesson page.
          error ? (
            <p role="alert" className="sim-error">
              {error}
            </p>
          ) : (
            <p role="status" className="sim-loading">
              Loading your tenant…
            </p>
          )
        }
      >
        <PortalShell />
      </PortalProvider>
    </FluentProvider>
  );
}
