import { describe, test } from 'node:test';
import { cronParseError, validateCreate, validateUpdate } from '../../../../../src/sim/api/validation';
import assert from 'node:assert/strict';
import { expectError, expectErrors, helloCronJob, piJob, set, stored } from './fixtures';

describe('validation: Job', () => {
  test('a Job with its generated selector and labels is valid', () => {
    expectErrors(validateCreate(piJob()), []);
  });

  test('the template restartPolicy must be OnFailure or Never', () => {
    const j = piJob();
    set(j, 'spec.template.spec.restartPolicy', 'Always');
    expectErrors(validateCreate(j), [
      { field: 'spec.template.spec.restartPolicy', message: 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"' },
    ]);
  });

  test('counts may not be negative', () => {
    const j = piJob();
    set(j, 'spec.parallelism', -1);
    set(j, 'spec.backoffLimit', -1);
    expectErrors(validateCreate(j), [
      { field: 'spec.parallelism', message: 'spec.parallelism: Invalid value: -1: must be greater than or equal to 0' },
      { field: 'spec.backoffLimit', message: 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0' },
    ]);
  });

  test('completionMode is an enum and Indexed needs completions', () => {
    const j = piJob();
    set(j, 'spec.completionMode', 'Ordered');
    expectErrors(validateCreate(j), [
      { field: 'spec.completionMode', message: 'spec.completionMode: Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"' },
    ]);
    set(j, 'spec.completionMode', 'Indexed');
    set(j, 'spec.completions', undefined);
    expectErrors(validateCreate(j), [{ field: 'spec.completions', message: 'spec.completions: Required value: when completion mode is Indexed' }]);
  });

  test('without manualSelector, the generated labels must be present', () => {
    const j = piJob();
    set(j, 'spec.template.metadata.labels', { 'batch.kubernetes.io/controller-uid': (j.metadata.uid as string), 'job-name': 'other' });
    const errs = validateCreate(j);
    expectError(errs, {
      field: 'spec.template.metadata.labels[controller-uid]',
      message: `spec.template.metadata.labels[controller-uid]: Required value: must be '${j.metadata.uid as string}'`,
    });
    expectError(errs, {
      field: 'spec.template.metadata.labels[job-name]',
      message: `spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${j.metadata.uid as string}", "job-name":"other"}: must be 'pi'`,
    });
  });

  test('a manual selector still has to match the template', () => {
    const j = piJob();
    set(j, 'spec.manualSelector', true);
    set(j, 'spec.selector', { matchLabels: { app: 'pi' } });
    expectErrors(validateCreate(j), [
      {
        field: 'spec.template.metadata.labels',
        message: `spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${j.metadata.uid as string}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${j.metadata.uid as string}", "job-name":"pi"}: \`selector\` does not match template \`labels\``,
      },
    ]);
  });

  test('the template is immutable on update', () => {
    const old = stored(piJob());
    const j = structuredClone(old);
    set(j, 'spec.template.spec.containers[0].image', 'perl:5.40');
    const errs = validateUpdate(j, old);
    assert.equal(errs.length, 1);
    assert.equal(errs[0]!.field, 'spec.template');
    assert.match(errs[0]!.message, /^spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/s);
  });

  test('completions are immutable for NonIndexed jobs', () => {
    const old = stored(piJob());
    const j = structuredClone(old);
    set(j, 'spec.completions', 3);
    expectErrors(validateUpdate(j, old), [{ field: 'spec.completions', message: 'spec.completions: Invalid value: 3: field is immutable' }]);
  });
});

describe('validation: CronJob', () => {
  test('a defaulted CronJob is valid, descriptors too', () => {
    expectErrors(validateCreate(helloCronJob()), []);
    const cj = helloCronJob();
    set(cj, 'spec.schedule', '@hourly');
    expectErrors(validateCreate(cj), []);
  });

  test('schedule is required and parsed as robfig/cron does', () => {
    const cj = helloCronJob();
    set(cj, 'spec.schedule', '');
    expectErrors(validateCreate(cj), [{ field: 'spec.schedule', message: 'spec.schedule: Required value' }]);
    set(cj, 'spec.schedule', 'x');
    expectErrors(validateCreate(cj), [{ field: 'spec.schedule', message: 'spec.schedule: Invalid value: "x": expected exactly 5 fields, found 1: [x]' }]);
    set(cj, 'spec.schedule', '61 * * * *');
    expectErrors(validateCreate(cj), [{ field: 'spec.schedule', message: 'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61' }]);
  });

  test('TZ in the schedule is refused in favour of timeZone', () => {
    const cj = helloCronJob();
    set(cj, 'spec.schedule', 'CRON_TZ=UTC 0 * * * *');
    expectErrors(validateCreate(cj), [
      {
        field: 'spec.schedule',
        message: 'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      },
    ]);
  });

  test('timeZone must be a known zone, not Local', () => {
    const cj = helloCronJob();
    set(cj, 'spec.timeZone', 'Europe/Paris');
    expectErrors(validateCreate(cj), []);
    set(cj, 'spec.timeZone', 'Europe/Pariss');
    expectErrors(validateCreate(cj), [{ field: 'spec.timeZone', message: 'spec.timeZone: Invalid value: "Europe/Pariss": unknown time zone Europe/Pariss' }]);
    set(cj, 'spec.timeZone', 'Local');
    expectErrors(validateCreate(cj), [
      { field: 'spec.timeZone', message: 'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones' },
    ]);
  });

  test('concurrencyPolicy, deadlines and history limits', () => {
    const cj = helloCronJob();
    set(cj, 'spec.concurrencyPolicy', 'Queue');
    set(cj, 'spec.startingDeadlineSeconds', -10);
    set(cj, 'spec.failedJobsHistoryLimit', -1);
    expectErrors(validateCreate(cj), [
      { field: 'spec.startingDeadlineSeconds', message: 'spec.startingDeadlineSeconds: Invalid value: -10: must be greater than or equal to 0' },
      { field: 'spec.concurrencyPolicy', message: 'spec.concurrencyPolicy: Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"' },
      { field: 'spec.failedJobsHistoryLimit', message: 'spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0' },
    ]);
  });

  test('the job template is a Job spec without a selector', () => {
    const cj = helloCronJob();
    set(cj, 'spec.jobTemplate.spec.template.spec.restartPolicy', 'Always');
    set(cj, 'spec.jobTemplate.spec.selector', { matchLabels: { a: 'b' } });
    expectErrors(validateCreate(cj), [
      {
        field: 'spec.jobTemplate.spec.template.spec.restartPolicy',
        message: 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      },
      {
        field: 'spec.jobTemplate.spec.selector',
        message:
          'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      },
    ]);
  });

  test('names leave room for the 11-character job suffix', () => {
    const cj = helloCronJob();
    const name = 'a'.repeat(53);
    set(cj, 'metadata.name', name);
    expectErrors(validateCreate(cj), [{ field: 'metadata.name', message: `metadata.name: Invalid value: "${name}": must be no more than 52 characters` }]);
  });

  test('an existing TZ schedule may stay on update', () => {
    const old = stored(helloCronJob());
    set(old, 'spec.schedule', 'TZ=UTC 0 * * * *');
    const cj = structuredClone(old);
    set(cj, 'spec.suspend', true);
    expectErrors(validateUpdate(cj, old), []);
  });
});

describe('validation: the cron parser', () => {
  test('robfig/cron error texts', () => {
    assert.equal(cronParseError('*/5 * * * *'), undefined);
    assert.equal(cronParseError('0 0 * JAN-mar mon'), undefined);
    assert.equal(cronParseError('@every 1h30m'), undefined);
    assert.equal(cronParseError('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
    assert.equal(cronParseError('x * * * *'), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    assert.equal(cronParseError('5-1 * * * *'), 'beginning of range (5) beyond end of range (1): 5-1');
    assert.equal(cronParseError('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
    assert.equal(cronParseError('*/0 * * * *'), 'step of range should be a positive number: */0');
    assert.equal(cronParseError('1-2-3 * * * *'), 'too many hyphens: 1-2-3');
    assert.equal(cronParseError('@fortnightly'), 'unrecognized descriptor: @fortnightly');
    assert.equal(cronParseError('@every 5'), 'failed to parse duration @every 5: time: missing unit in duration "5"');
    assert.equal(cronParseError('TZ=Mars/Olympus * * * * *'), 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus');
  });
});
