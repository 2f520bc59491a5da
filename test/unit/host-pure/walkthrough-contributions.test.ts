/** The Get Started walkthrough and the explorer's contributions hold together. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const root = new URL('../../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  contributes: {
    commands: { command: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[];
    viewsWelcome: { view: string; contents: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
  };
};
const c = pkg.contributes;
const contributed = new Set(c.commands.map((x) => x.command));
const walkthrough = c.walkthroughs.find((w) => w.id === 'kubeWalkthrough.getStarted');

function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1] ?? '');
}

describe('Get Started walkthrough', () => {
  test('ships the sample, identical to examples/nginx.yaml', () => {
    assert.equal(readFileSync(new URL('media/walkthrough/nginx.yaml', root), 'utf8'), readFileSync(new URL('examples/nginx.yaml', root), 'utf8'));
  });

  test('every step has its markdown, a button and a completion event', () => {
    assert.ok(walkthrough && walkthrough.steps.length >= 6);
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown && existsSync(new URL(step.media.markdown, root)), `${step.id}: media file`);
      assert.ok(commandLinks(step.description).length > 0, `${step.id}: a command button`);
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id}: completion events`);
    }
  });

  test('its buttons, completion events and the welcome view name commands that exist', () => {
    const ours = (id: string): boolean => id.startsWith('kubeWalkthrough.');
    const links = [
      ...(walkthrough?.steps ?? []).flatMap((s) => [...commandLinks(s.description), ...(s.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length))]),
      ...c.viewsWelcome.flatMap((w) => commandLinks(w.contents)),
    ];
    for (const id of links.filter(ours)) assert.ok(contributed.has(id), `${id} is contributed`);
  });
});

describe('explorer contributions', () => {
  test('the view sits in its own activity bar container with an icon that exists', () => {
    const container = c.viewsContainers.activitybar.find((v) => v.id === 'kubeWalkthrough');
    assert.ok(container && existsSync(new URL(container.icon, root)));
    assert.ok(c.views.kubeWalkthrough?.some((v) => v.id === 'kubeWalkthrough.explorer'));
  });

  test('context actions only show on the explorer, keyed on the row\'s words', () => {
    const entries = c.menus['view/item/context'] ?? [];
    assert.ok(entries.length >= 10);
    for (const e of entries) {
      assert.match(e.when ?? '', /^view == kubeWalkthrough\.explorer && viewItem =~ \/\\b\w+\\b\/$/, e.command);
      assert.ok(contributed.has(e.command), `${e.command} is contributed`);
    }
  });

  test('every contributed command of ours carries the category', () => {
    for (const cmd of c.commands.filter((x) => x.command.startsWith('kubeWalkthrough.'))) assert.equal(cmd.category, 'Kube Walkthrough', cmd.command);
  });
});
