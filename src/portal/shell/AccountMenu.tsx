import { Menu, MenuGroup, MenuGroupHeader, MenuItemRadio, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { usePortal } from '../runtime/PortalContext';

/**
 * The account menu with Switch account; loaded on first use (Fluent's Menu is ~50 KB). Its trigger is
 * the same plain button (and class) that the top bar shows until then.
 */
export function AccountMenu({
  label,
  tooltip,
  className,
  children,
  onClosed,
}: {
  label: string;
  tooltip: string;
  className?: string | undefined;
  children: React.ReactNode;
  onClosed?: () => void;
}) {
  const { account, accounts, switchAccount } = usePortal();
  return (
    <Menu defaultOpen onOpenChange={(_, d) => !d.open && onClosed?.()}>
      <MenuTrigger disableButtonEnhancement>
        <button type="button" className={className} aria-label={label} title={tooltip}>
          {children}
        </button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList checkedValues={{ account: [account.id] }} onCheckedValueChange={(_, d) => d.checkedItems[0] && void switchAccount(d.checkedItems[0])}>
          <MenuGroup>
            <MenuGroupHeader>Switch account</MenuGroupHeader>
            {accounts.map((u) => (
              <MenuItemRadio key={u.id} name="account" value={u.id}>
                {u.displayName} ({u.userPrincipalName})
              </MenuItemRadio>
            ))}
          </MenuGroup>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
