import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runDoctor } from '../../../src/doctor/run.ts';
import { selectLanguage } from '../../../src/i18n/index.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { loadObjects } from './fixture.ts';

// -o json|yaml|sarif carry the evidence for programs: the message follows --lang, the evidence does not.
describe('evidence is the same in every language', () => {
  after(() => selectLanguage('en'));

  it("HPA001 names an APIService's state in its evidence as the API does, and in its message in the run's language", async () => {
    const objects = loadObjects('cluster.yaml').filter((o) => o.kind !== 'APIService');
    const reportIn = async (language: 'en' | 'ja') => {
      await selectLanguage(language);
      return runDoctor(snapshotFromObjects([...objects, ...loadObjects('healthy.yaml')])).findings.find((f) => f.id === 'HPA001');
    };
    const [english, japanese] = [await reportIn('en'), await reportIn('ja')];
    assert.deepEqual(japanese?.evidence, english?.evidence);
    assert.deepEqual(english?.evidence?.apiServices, { 'v1beta1.metrics.k8s.io': 'not registered' });
    assert.match(japanese?.message ?? '', /未登録/);
  });
});
