import { FluentProvider, MessageBar, MessageBarBody, Spinner, webLightTheme } from '@fluentui/react-components';
import { PortalProvider } from './runtime/PortalContext';
import { PortalShell } from './shell/PortalShell';

/** The simulator island: the portal look-alike over the lab's tenant, restored from IndexedDB. */
export default function Simulator({ labId, seedId }: { labId: string; seedId: string }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <PortalProvider
        labId={labId}
        seedId={seedId}
        fallback={(error) =>
          error ? (
            <MessageBar intent="error">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          ) : (
            <Spinner label="Loading your tenant…" />
          )
        }
      >
        <PortalShell />
      </PortalProvider>
    </FluentProvider>
  );
}
