import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialForm, validateWizard } from '../../../src/tui/wizard.ts';
import { wizardCurrentOf } from '../../../src/tui/wizard-current.ts';
import { wizardSimulation } from '../../../src/tui/wizard-simulation.ts';
import { fixtureSnapshot } from './harness.ts';

const web = () => {
  const current = wizardCurrentOf(fixtureSnapshot('cluster.yaml', 'healthy.yaml'), 'shop/Deployment/web');
  assert.ok(current, 'the fixture has shop/deployment/web with an HPA');
  return current;
};

describe('tui: the wizard what-if', () => {
  it('is absent while nothing about scaling changes', () => {
    const current = web();
    const form = initialForm(current);
    assert.equal(wizardSimulation(current, form, validateWizard(current, form), 100), null);
  });

  it('raising max on a load that needs it: the load is sized for the new max, which the chosen HPA reaches', () => {
    const current = web();
    const form = { ...initialForm(current), max: String((current.hpa?.max ?? 0) + 8) };
    const simulation = wizardSimulation(current, form, validateWizard(current, form), 120);
    assert.ok(simulation);
    assert.ok(simulation.chosen.peakReplicas > simulation.now.peakReplicas, JSON.stringify(simulation));
    assert.equal(simulation.now.peakReplicas, 8, 'the current HPA stops at its max');
    assert.match(simulation.chart, /now 2–8 .*chosen 2–16/);
  });

  it('simulates the chosen behavior preset against the current one', () => {
    const current = web();
    const form = { ...initialForm(current), behavior: 'apigee-less-aggressive', pattern: 'ramp' as const };
    const simulation = wizardSimulation(current, form, validateWizard(current, form), 120);
    assert.ok(simulation);
    assert.match(simulation.chart, /chosen \(apigee-less-aggressive\)/);
  });
});
