import type { Page } from "@playwright/test";
import path from "node:path";

const SCREENSHOT_DIR = path.join(process.cwd(), "e2e", "screenshots");

/** Full-page screenshot into e2e/screenshots/, for people to look at after a run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
