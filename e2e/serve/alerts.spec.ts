import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { AlertsView } from '../pages/alerts.js';
import { Dialogs } from '../pages/dialogs.js';

const env = useConnectedPool(['--hosts', '2', '--vms', '6', '--seed', '5', '--time-scale', '0.05']);

const messages = async () => Object.entries((await env.simulator.database()).tables.message ?? {});

test('an alert raised on the pool appears in Alerts; Dismiss removes it from the pool', async ({ page }) => {
  const body = `Disk nearly full ${Date.now()}`;
  const { ref } = await env.simulator.control<{ ref: string }>('POST', '/alerts', { name: 'SR_NEARLY_FULL', priority: 2, body });
  const alerts = new AlertsView(page);
  await alerts.openFromMenu();
  const row = alerts.row(body);
  await expect(row).toContainText('SR nearly full');
  await expect(row).toContainText('critical');
  await saveScreenshot(page, 'alerts-view');
  await row.getByRole('button', { name: 'Dismiss' }).click();
  await expect(row).toHaveCount(0);
  expect((await messages()).map(([messageRef]) => messageRef)).not.toContain(ref);
  // Severity filter: an information alert hides when Information is unticked.
  await env.simulator.control('POST', '/alerts', { name: 'VM_STARTED', priority: 5, body: 'info only' });
  await expect(alerts.row('info only')).toBeVisible();
  await alerts.dialog.getByRole('checkbox', { name: 'Information' }).uncheck();
  await expect(alerts.row('info only')).toHaveCount(0);
});

test('a CPU alarm set in the VM\'s alert settings fires an ALARM alert when the load crosses it', async ({ page }) => {
  const tables = (await env.simulator.database()).tables;
  const [vmRef, vm] = Object.entries(tables.VM!).find(([, v]) => v.power_state === 'Running' && v.is_control_domain !== true && Object.values(tables.VM!).filter((o) => o.name_label === v.name_label).length === 1)!;
  const name = String(vm.name_label);
  const dialogs = new Dialogs(page);
  await dialogs.contextCommand(name, 'Alert Settings…');
  const settings = page.getByRole('dialog', { name: `Alert Settings of '${name}'` });
  await settings.getByRole('checkbox', { name: /CPU usage alerts/ }).check();
  await settings.getByRole('spinbutton', { name: /CPU usage exceeds \(%\)/ }).fill('30');
  await settings.getByRole('spinbutton', { name: /CPU usage exceeds: minutes/ }).fill('1');
  await settings.getByRole('button', { name: 'OK' }).click();
  await expect(settings).toBeHidden();
  await expect.poll(async () => String(((await env.simulator.database()).tables.VM![vmRef]!.other_config as Record<string, string>).perfmon ?? '')).toContain('<alarm_trigger_level value="0.3"/>');

  // The guest has been busy for two minutes: perfmon's next pass raises the alarm.
  await env.simulator.control('POST', '/metrics/load', { vm: vmRef, value: 1, at: Date.now() / 1000 - 120 });
  await env.simulator.control('POST', '/metrics/perfmon/run');
  const alerts = new AlertsView(page);
  await alerts.openFromMenu();
  const alarm = alerts.row('CPU usage alarm');
  await expect(alarm).toContainText(name);
  await expect(alarm).toContainText(/CPU usage is \d+\.\d % \(alarm above 30\.0 %\)/);
  expect((await messages()).some(([, m]) => m.name === 'ALARM' && m.obj_uuid === vm.uuid)).toBe(true);
});

test('new alerts at or above the chosen severity become OS notifications (off by default)', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  // Records what the page shows as notifications (the real Notification API, wrapped).
  await page.evaluate(() => {
    const shown: string[] = [];
    (window as unknown as { shown: string[] }).shown = shown;
    const Real = window.Notification;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        // Recorded first: headless Chromium may refuse to show it.
        shown.push(title);
        super(title, options);
      }
    } as typeof Notification;
  });
  const shown = () => page.evaluate(() => (window as unknown as { shown: string[] }).shown);
  await env.simulator.control('POST', '/alerts', { name: 'HA_HOST_FAILED', priority: 1, body: 'quiet while off' });
  const alerts = new AlertsView(page);
  await alerts.openFromMenu();
  await expect(alerts.row('quiet while off')).toBeVisible();
  expect(await shown()).toEqual([]);
  await alerts.dialog.getByLabel('Notify me of').selectOption('Critical alerts');
  await alerts.close();
  await env.simulator.control('POST', '/alerts', { name: 'VM_STARTED', priority: 5, body: 'not urgent' });
  await env.simulator.control('POST', '/alerts', { name: 'VM_CRASHED', priority: 1, body: 'urgent' });
  await expect.poll(shown).toEqual(['VM crashed']);
});
