// The words that report a happening, by kind, and the words that make a report something other than
// an assertion (a threat, a plan, a hypothetical). Kinds follow the annotation kinds of the development
// corpus; kindToCategory maps them onto the project's CATEGORIES.
import type { Category } from '../vocab';

export type EventKind = 'attack' | 'killing' | 'visit' | 'meeting' | 'statement' | 'diplomacy' | 'arrest' | 'deployment' | 'protest' | 'arms-transfer' | 'political' | 'other';

/**
 * The gold kinds onto our categories. attack → strike; killing, visit, meeting, statement, diplomacy,
 * arrest, arms-transfer and political keep their names; protest → political (civil unrest over a
 * political cause, as the map's political layer shows it); deployment → incident (a force moved or
 * exercising: a military happening that is not a strike); other → incident (funerals, alerts, launches).
 */
export function kindToCategory(kind: EventKind): Category {
  switch (kind) {
    case 'attack':
      return 'strike';
    case 'protest':
      return 'political';
    case 'deployment':
    case 'other':
      return 'incident';
    default:
      return kind;
  }
}

export interface Trigger {
  kind: EventKind;
  re: RegExp;
  /** how sure a match of this pattern is to report a happening of this kind */
  weight: number;
}

export const TRIGGERS: Trigger[] = [
  { kind: 'killing', re: /\b(assassinat(?:ed|ion|ing)|was killed|were killed|killed|killing of)\b/gi, weight: 0.6 },
  { kind: 'attack', re: /\b(struck|strikes?(?! group| force)|air ?strikes?|airstrikes?|attack(?:ed|s)?(?! (?:drones?|helicopters?|aircraft|jets?|submarines?|craft|boats?|dogs?))|bombed|bombing|bombardment|shell(?:ed|ing)|fired(?! (?:tear gas|rubber|water|warning|flares|back at reporters))|hit|exchanged fire|clash(?:ed|es)|seized|stormed|overran|took control of|captured (?=(?:the )?(?:[\p{L}-]+ )?(?:city|town|village|base|airport|port|airfield|outpost))|rammed|collided with|firefights?|gunfights?|skirmish(?:es)?|explo(?:ded(?! into)|sions?)|blasts?|rocked|(?<!air[- ])raid(?:ed|s)?|opened fire|barrage|salvo)\b/giu, weight: 0.7 },
  { kind: 'visit', re: /(?<!\b(?:before|after|upon|on|ahead of|following|since) (?:his|her|their|the) )\b(arrived|arrives|arriving|arrival|landed|lands|visit(?:ed|s|ing)?|trip to|delegations?(?=\s+(?:is\s+|was\s+|are\s+|were\s+)?in\s+\p{Lu})|travell?ed to|flew to|crossed into|on (?:his|her|their) way to|bringing [\p{L} ]{1,30} to)\b/giu, weight: 0.8 },
  { kind: 'meeting', re: /\b(met|meets|meeting|held (?:[\p{L}-]+ ){0,2}talks|talks with|hosted|was received|were received|received by|greeted|shaking hands|shook hands|summit|negotiations)\b/giu, weight: 0.65 },
  { kind: 'statement', re: /\b(said|says|told|wrote|posted|tweeted|stated|announced|declared|condemned|condemning|warned|assured|stressed|asserted|emphasi[sz]ed|affirmed|insisted|press conference|addresse[sd]|an address|speech|interview|statement|comments on|commented)\b/gi, weight: 0.5 },
  { kind: 'diplomacy', re: /\b(recogni[sz]ed|was invited|were invited|delivered a message|signed|peace (?:deal|agreement|accord)|agreements?|accord|summoned|expelled|mediat(?:ed|ion))\b/gi, weight: 0.55 },
  { kind: 'arrest', re: /\b(arrested|detained|detention|held captive|taken into custody|surrounded (?:his|her|the president's) (?:house|residence|palace)|jailed|captured)\b/gi, weight: 0.7 },
  { kind: 'political', re: /\b(announcement(?= (?:on \w+ )?that)|dismissed|sacked|appointed|transferred to|transitioned from|named as|replaced as|stepped down|mutiny|uprising|elections?|elected|inaugurat(?:ed|ion)|sworn in|resign(?:ed|ation)|appointed|suspend(?:ed)? talks|would suspend|declared the winner|announced the winner|was announced the winner|coup)\b/gi, weight: 0.55 },
  { kind: 'protest', re: /\b(protests?|protest(?:ed|ing)|protesters|protestors|demonstrators|demonstrations?|rall(?:y|ies|ied)|crowds? (?:gathered|rallied|marched)|tear gas|water cannons?|toppl(?:ed|ing) a statue)\b/gi, weight: 0.65 },
  { kind: 'deployment', re: /\b(entered|marched (?:into|on|toward|towards)|advanced (?:on|into)|rolled into|pushed into|deploy(?:ed|ment|s|ing)?|exercises|drills|incursions?|dispatched|ordered (?:a|an|the)? ?[\p{L}-]+(?: [\p{L}-]+){0,3} (?:to|into)|operating in|scrambled)\b/giu, weight: 0.6 },
  { kind: 'other', re: /\b((?:fired|launched|test-fired)(?= (?:a|an|two|three|several|\d+) (?:[\p{L}-]+ ){0,3}(?:missiles?|rockets?|projectiles?))|funeral|prayers|alert for|air[- ]raid (?:alert|sirens)|missile launch|launched a (?:ballistic )?missile|missile was fired|evacuat(?:ed|ion)|crashed)\b/giu, weight: 0.6 },
  { kind: 'arms-transfer', re: /\b(transfer(?:red|ring)?|deliver(?:y|ed|ies)|supplied|shipments?|shipped)\b(?=[^.]{0,80}\b(?:weapons|arms|missiles|drones|equipment|ammunition|air defen[cs]e|radars|munitions|tanks|jets)\b)/gi, weight: 0.6 },
];

/** Words before a trigger, in its clause, that make it a threat, plan, hope or hypothetical. */
export const IRREALIS = /\b(appear(?:s|ed)? to|seem(?:s|ed)? to|ordered|orders|authori[sz]ed|approved|looming|impending|anticipated|scheduled|upcoming|would|will|could|might|may|should|shall|must|to be|threat(?:s|ened)? (?:to|of)|vow(?:s|ed)? to|plans? to|planning to|planned|expected|expect(?:s|ing)?|concerns? (?:of|about|over|that)|intends? to|ready to|set to|if|unless|aims? to|wants? to|seeks? to|sought to|promised to|pledged to|prepar(?:e|es|ed|ing) (?:to|for)|likely|possible|potential|fears? (?:of|that)|feared|risk of|warn(?:s|ed|ing)? (?:of|that)|prevent|avoid|averting|retaliate|calls? for|called for|urged|demand(?:s|ed)?|no|not|never|without|deny|denied|denies|considering|consider)\b/iu;
