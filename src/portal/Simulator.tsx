import { FluentProvider } from '@fluentui/react-components';
import { registerSeed } from '../tenant/seeds';
import type { TenantSeedInput } from '../tenant/schemas/seed';
import { PortalProvider } from './runtime/PortalContext';
import { PortalShell } from './shell/PortalShell';
import { webLightTheme } from './theme';

export interface SimulatorProps {
  labId: string;
  /** The tenant a new attempt starts from; the store restores attempts by its id. */
  seed: TenantSeedInput;
  /** A new attempt's tenant clock starts here, or now if later. */
  startAt?: string;
  /** Fill the height of the element around it (a lesson page sizes it to the window) instead of a fixed minimum. */
  fill?: boolean;
}

/** The simulator island: the portal look-alike over the lab's tenant, restored from IndexedDB. */
export default function Simulator({ labId, seed, startAt, fill = false }: SimulatorProps) {
  registerSeed(seed);
  return (
    <FluentProvider theme={webLightTheme} style={fill ? { height: '100%' } : undefined}>
      <PortalProvider
        labId={labId}
        seedId={seed.id}
        {...(startAt !== undefined ? { startAt } : {})}
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
        <PortalShell fill={fill} />
      </PortalProvider>
    </FluentProvider>
  );
}
