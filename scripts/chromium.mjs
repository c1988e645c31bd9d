// The one Chromium every browser run uses (Playwright's tests and the bench): Debian's, never a
// downloaded one, with every host but loopback failing DNS at once so nothing leaves the machine.
// No --disable-gpu/--disable-software-rasterizer: headless WebGL runs on SwiftShader.
export const CHROMIUM_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
  '--no-sandbox', // we run as root
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
];
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
