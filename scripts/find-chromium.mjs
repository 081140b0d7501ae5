#!/usr/bin/env node
// Fails early, with instructions, when the browser tests would have no browser to run.
import { findChromium, HOW_TO_GET_CHROMIUM } from './chromium.mjs';

const path = findChromium();
if (!path) {
  if (process.env.CHROMIUM_PATH) process.stderr.write(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.\n`);
  process.stderr.write(`${HOW_TO_GET_CHROMIUM}\n`);
  process.exit(1);
}
process.stdout.write(`Browser tests use Chromium at ${path}\n`);
