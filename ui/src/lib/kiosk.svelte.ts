// Whether the device is handed to a pupil or parent. The app enforces the lock;
// this only tells the page to show the kiosk screen instead of the shell.
import type { KioskScope } from "./commands";

export const kioskMode: { scope: KioskScope | null } = $state({ scope: null });
