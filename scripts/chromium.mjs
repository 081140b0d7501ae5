/**
 * Where the browser tests find Chromium: $CHROMIUM_PATH, then Debian's /usr/bin/chromium
 * (and the other usual system paths), then a browser Playwright downloaded itself.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The path of a Chromium to launch, or null when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return system;
  try {
    const own = chromium.executablePath();
    return existsSync(own) ? own : null;
  } catch {
    return null;
  }
}

export const HOW_TO_GET_CHROMIUM = `No Chromium found for the browser tests. Any one of these works:
  - Debian/Ubuntu:   sudo apt-get install -y chromium
  - any system:      npx playwright install chromium
  - your own build:  CHROMIUM_PATH=/path/to/chrome npm test`;

/** Flags for a headless Chromium that measures or is tested: no sandbox (containers), no background traffic. */
export const QUIET_FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];

/** Flags that let WebGL run on SwiftShader, in software, where there is no GPU (as on most CI machines). */
export const SOFTWARE_GL_FLAGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'];
