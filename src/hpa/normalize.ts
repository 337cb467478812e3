// The controller's per-HPA memory and the step from a metric proposal to the desired count (kubernetes
// pkg/controller/podautoscaler/horizontal.go: normalizeDesiredReplicas and normalizeDesiredReplicasWithBehaviors). Pure.
//
// Time windows keep a sample only while it is strictly younger than the window: real syncs drift a few
// milliseconds past the period, so a sample exactly one window (or period) old has already expired.
import { longestPolicyPeriod, type ResolvedBehavior, type ResolvedScalingRules } from './behavior.ts';
import { AbleToScale, ScalingLimited } from './conditions.ts';

/** Scale events of one direction; old slots are reused like storeScaleEvent does. */
class ScaleEventLog {
  readonly changes: number[] = [];
  readonly times: number[] = [];
  readonly outdated: boolean[] = [];

  /** getReplicasChangePerPeriod: replicas changed in the last `period` seconds. */
  changeWithin(period: number, now: number): number {
    const cutoff = now - period;
    let sum = 0;
    for (let i = 0; i < this.times.length; i++) if ((this.times[i] as number) > cutoff) sum += this.changes[i] as number;
    return sum;
  }

  store(change: number, now: number, longestPeriod: number): void {
    const cutoff = now - longestPeriod;
    for (let i = 0; i < this.times.length; i++) if ((this.times[i] as number) <= cutoff) this.outdated[i] = true;
    for (let i = 0; i < this.times.length; i++) {
      if (this.outdated[i]) {
        this.changes[i] = change;
        this.times[i] = now;
        this.outdated[i] = false;
        return;
      }
    }
    this.changes.push(change);
    this.times.push(now);
    this.outdated.push(false);
  }
}

/** What the controller remembers about one HPA between syncs; lost when kube-controller-manager restarts. */
export class ScalingMemory {
  readonly recommendationValues: number[] = [];
  readonly recommendationTimes: number[] = [];
  readonly scaleUpEvents = new ScaleEventLog();
  readonly scaleDownEvents = new ScaleEventLog();
  initialized = false;
  /** AbleToScale and ScalingLimited codes set by the last normalization. */
  ableToScale: number = AbleToScale.unset;
  scalingLimited: number = ScalingLimited.unset;

  /** The first sync records the current size as a recommendation, as horizontal.go does. */
  initialize(current: number, now: number): void {
    if (this.initialized) return;
    this.initialized = true;
    this.recommendationValues.push(current);
    this.recommendationTimes.push(now);
  }

  private record(index: number, value: number, now: number): void {
    if (index >= 0) {
      this.recommendationValues[index] = value;
      this.recommendationTimes[index] = now;
    } else {
      this.recommendationValues.push(value);
      this.recommendationTimes.push(now);
    }
  }

  /** storeScaleEvent: only kept when the HPA has a behavior. */
  storeScaleEvent(behavior: ResolvedBehavior | undefined, previous: number, next: number, now: number): void {
    if (!behavior) return;
    if (next > previous) this.scaleUpEvents.store(next - previous, now, longestPolicyPeriod(behavior.scaleUp));
    else this.scaleDownEvents.store(previous - next, now, longestPolicyPeriod(behavior.scaleDown));
  }

  /** normalizeDesiredReplicas, behavior == nil: 5-minute max-stabilization, then min/max and the 2×/4 scale-up limit. */
  normalizeLegacy(proposal: number, current: number, min: number, max: number, now: number, downscaleWindow: number): number {
    const cutoff = now - downscaleWindow;
    let stabilized = proposal;
    let oldIndex = -1;
    const values = this.recommendationValues;
    const times = this.recommendationTimes;
    for (let i = 0; i < times.length; i++) {
      if ((times[i] as number) <= cutoff) oldIndex = i;
      else if ((values[i] as number) > stabilized) stabilized = values[i] as number;
    }
    this.record(oldIndex, proposal, now);
    this.ableToScale = stabilized !== proposal ? AbleToScale.ScaleDownStabilized : AbleToScale.ReadyForNewScale;
    const upLimit = Math.trunc(Math.max(2 * current, 4));
    const cap = Math.min(max, upLimit);
    const capReason = max > upLimit ? ScalingLimited.ScaleUpLimit : ScalingLimited.TooManyReplicas;
    if (stabilized < min) {
      this.scalingLimited = ScalingLimited.TooFewReplicas;
      return min;
    }
    if (stabilized > cap) {
      this.scalingLimited = capReason;
      return cap;
    }
    this.scalingLimited = ScalingLimited.DesiredWithinRange;
    return stabilized;
  }

  /** normalizeDesiredReplicasWithBehaviors: windows over the recommendation history, then the policies' rate limits. */
  normalizeWithBehavior(behavior: ResolvedBehavior, proposal: number, current: number, min: number, max: number, now: number): number {
    const upCutoff = now - behavior.scaleUp.stabilizationWindowSeconds;
    const downCutoff = now - behavior.scaleDown.stabilizationWindowSeconds;
    let upRecommendation = proposal;
    let downRecommendation = proposal;
    let oldIndex = -1;
    const values = this.recommendationValues;
    const times = this.recommendationTimes;
    for (let i = 0; i < times.length; i++) {
      const time = times[i] as number;
      const value = values[i] as number;
      if (time > upCutoff && value < upRecommendation) upRecommendation = value;
      if (time > downCutoff && value > downRecommendation) downRecommendation = value;
      if (time <= upCutoff && time <= downCutoff) oldIndex = i;
    }
    let stabilized = current;
    if (stabilized < upRecommendation) stabilized = upRecommendation;
    if (stabilized > downRecommendation) stabilized = downRecommendation;
    this.record(oldIndex, proposal, now);
    if (stabilized === proposal) this.ableToScale = AbleToScale.ReadyForNewScale;
    else this.ableToScale = proposal >= current ? AbleToScale.ScaleUpStabilized : AbleToScale.ScaleDownStabilized;

    this.scalingLimited = ScalingLimited.DesiredWithinRange;
    if (stabilized > current) {
      const limit = Math.max(this.scaleUpLimit(behavior.scaleUp, current, now), current);
      const cap = Math.min(max, limit);
      if (stabilized > cap) {
        this.scalingLimited = max > limit ? ScalingLimited.ScaleUpLimit : ScalingLimited.TooManyReplicas;
        return cap;
      }
    } else if (stabilized < current) {
      const limit = Math.min(this.scaleDownLimit(behavior.scaleDown, current, now), current);
      const floor = Math.max(min, limit);
      if (stabilized < floor) {
        this.scalingLimited = min < limit ? ScalingLimited.ScaleDownLimit : ScalingLimited.TooFewReplicas;
        return floor;
      }
    }
    return stabilized;
  }

  /** calculateScaleUpLimitWithScalingRules. */
  scaleUpLimit(rules: ResolvedScalingRules, current: number, now: number): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const pickMin = rules.selectPolicy === 'Min';
    let result = pickMin ? 2147483647 : -2147483648;
    for (const policy of rules.policies) {
      const start =
        current - this.scaleUpEvents.changeWithin(policy.periodSeconds, now) + this.scaleDownEvents.changeWithin(policy.periodSeconds, now);
      const proposed = policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
      result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return result;
  }

  /** calculateScaleDownLimitWithBehaviors: Percent truncates toward zero. */
  scaleDownLimit(rules: ResolvedScalingRules, current: number, now: number): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const pickMin = rules.selectPolicy === 'Min';
    let result = pickMin ? -2147483648 : 2147483647;
    for (const policy of rules.policies) {
      const start =
        current - this.scaleUpEvents.changeWithin(policy.periodSeconds, now) + this.scaleDownEvents.changeWithin(policy.periodSeconds, now);
      const proposed = policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
      result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }
}
