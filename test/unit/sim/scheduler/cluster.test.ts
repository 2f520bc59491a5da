import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../../../src/sim/cluster';
import type { KubeObject } from '../../../../src/sim/api/types';
import { isSchedulingDetail } from '../../../../src/protocol/scheduling';

describe('the scheduler in the whole simulated cluster', () => {
  test("the seed's nginx Deployment lands on the workers, each pod with a Scheduled event and an explanation", () => {
    const c = createCluster({ seed: 3 });
    c.apply([{
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
      spec: {
        replicas: 3, selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } },
      },
    }]);
    c.runUntilQuiet();
    const pods = c.objects().filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'default');
    assert.equal(pods.length, 3);
    for (const p of pods) assert.match((p.spec as { nodeName?: string }).nodeName ?? '', /^worker-\d$/);
    const events = c.objects().filter((o): o is KubeObject => o.kind === 'Event' && o.reason === 'Scheduled');
    for (const p of pods) {
      const node = (p.spec as { nodeName: string }).nodeName;
      assert.ok(events.some((e) => e.message === `Successfully assigned default/${p.metadata.name} to ${node}`), `no Scheduled event for ${p.metadata.name}`);
    }
    // The add-ons (kube-proxy, CoreDNS) were scheduled at start too; count the nginx pods' decisions.
    const decisions = c.tracer.events().filter(
      (e) => e.channel === 'schedule' && isSchedulingDetail(e.detail) && e.detail.pod.startsWith('default/nginx-deployment-'),
    );
    assert.equal(decisions.length, 3);
  });
});
