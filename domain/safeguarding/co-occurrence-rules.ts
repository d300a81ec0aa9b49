import type { RiskCategory } from './risk-category.js';

/**
 * Concepts that are risk when they come close together in any order, for phrasings no ordered rule foresaw: "my
 * partner, last night, during the row, he choked me" or "tablets, I've saved enough". Each item is a pattern item
 * (token-pattern.ts); all must occur within `within` words of the first, outside idioms.
 */
export interface CoOccurrenceRule {
  name: string;
  category: RiskCategory;
  together: readonly string[];
  within: number;
  unlessWith?: string;
}

const CLOSE = 'INTIMATE|FAMILY|HE_SHE';

export const CO_OCCURRENCE_RULES: readonly CoOccurrenceRule[] = [
  { name: 'violence from someone close', category: 'domestic_abuse', together: ['VIOLENCE_STRONG', CLOSE, 'me|my|us|her|him|i'], within: 6, unlessWith: 'film|game|football|match|boxing|gym|lol|haha|bill|race|ras|points|pwyntiau|bwyntiau|final|round|gem' },
  { name: 'violence from someone close', category: 'domestic_abuse', together: ['VIOLENCE_STRONG', 'INTIMATE|FAMILY'], within: 5, unlessWith: 'film|game|football|match|boxing|gym|lol|haha|bill|dog|race|ras|points|pwyntiau|bwyntiau|final|round|gem|hwyr|late' },
  { name: 'taking my life', category: 'suicide', together: ['KILL|DIE|end|ending|suicide|SUICIDE', 'MYSELF|my_life|my_own_life'], within: 4, unlessWith: 'to_death|death_of_me|laughing|chwerthin' },
  { name: 'pills in quantity', category: 'suicide', together: ['MEANS_PILLS', 'HOARD|all|whole|enough|handful|load|loads|box|boxes|packet|packets|bottle|lot'], within: 6, unlessWith: 'prescription_ready|pharmacy|chemist|collect_my|pick_up|picked_up|repeat|bob_dydd|every_day|daily|each_day|a_day|prescribed|every_morning|every_night' },
  { name: 'lethal means and intent', category: 'suicide', together: ['rope|noose|bridge|tracks|cliff|ledge|roof|carpark|motorway|railway|ligature|MEANS_LETHAL', 'jump|jumping|hang|hanging|throw_myself|end|done|goodbye|die|MYSELF|noose|never|over'], within: 6 },
  { name: 'wanting to be dead', category: 'suicide', together: ['want|wanna|wish|rather|wanted|ready|deserve', 'dead|die|gone|dying|death'], within: 3, unlessWith: 'dying_to|dying_for|die_of|for_a|tired|laughing|lol|phone|battery' },
  { name: 'hurting oneself', category: 'self_harm', together: ['SELF_INJURY', 'MYSELF|wrists|wrist|thighs|purpose|purpus|relapse|relapsed|blade|blades|razor|razors|scars'], within: 5, unlessWith: 'accident|accidentally|oven|cooking|chopping|shaving|gym|football|training|sprained|wrth|ddamwain|goginio|coginio' },
  { name: 'sex without consent', category: 'sexual_violence', together: ['sex|touched|touching|touch|groped|naked|undressed|privates|inside', 'FORCE|without|stop|no|against|asleep|unconscious|drunk|spiked|scared|want'], within: 6, unlessWith: 'film|book|education|class|lesson|talk' },
  { name: 'a child and harm', category: 'child_at_risk', together: ['CHILD', 'VIOLENCE_STRONG|touched|touches|touching|bruises|bruised|burns|secret|secrets|groomed|grooming'], within: 8, unlessWith: 'game|football|school_play|lol|haha|film|toy|kicking_off|fight_at_school' },
  { name: 'documents held', category: 'exploitation', together: ['DOCUMENTS', 'took|take|takes|taken|keep|keeps|kept|has|holding|holds|held|wont_give|confiscated|refuse|refuses'], within: 6, unlessWith: 'check|checked|photocopied|photocopy|copy|scan|scanned|renew|dbs|right_to_work|appointment|application|photo|photos' },
  { name: 'a debt to work off', category: 'exploitation', together: ['owe|owes|owed|owing|debt|debts', 'work|working|leave|them|him|boss|EMPLOYER|olders|gang|flight|visa'], within: 8, unlessWith: 'council|tax|rent_arrears|overdraft|credit_card|loan|universal|student|mum|mam|mate|friend|sister|brother|nan|fiver|tenner|quid' },
  { name: 'work without pay', category: 'exploitation', together: ['work|working|worked|shifts|hours', 'no_pay|no_money|not_paid|never_paid|unpaid|for_free|for_nothing|without_pay|dont_get_paid|not_getting_paid'], within: 8, unlessWith: 'volunteer|volunteering|trial|placement|internship|charity|experience' },
  { name: 'nowhere to sleep', category: 'homeless_tonight', together: ['nowhere|homeless|streets|rough|no_home|no_roof|nowhere_to', 'SLEEP|TONIGHT|stay|staying|tonight'], within: 8, unlessWith: 'volunteer|volunteering|charity|shelter_shop|film|documentary|fundraiser' },
  { name: 'put out tonight', category: 'homeless_tonight', together: ['kicked_out|thrown_out|chucked_out|turfed_out|evicted|locked_out|booted_out|kicked_me_out|threw_me_out', 'tonight|today|nowhere|street|streets|home|house|flat|sleep|night'], within: 8, unlessWith: 'group|chat|class|pub|club|course|lesson|college|school|whatsapp|game' },
  { name: 'a weapon', category: 'violence', together: ['WEAPON', 'me|us|him|THEY|threatened|pulled|came|chased|carrying|carry|pointed|waved'], within: 6, unlessWith: 'kitchen|chef|cooking|chopping|film|game|shop|set|sharpen|diy|tools|toolbox|baseball|cricket|course' },
  { name: 'threats to kill', category: 'violence', together: ['THREAT|threatening|threatened|threats|gonna|going_to|will', 'kill|stab|shoot|shank|murder|merk|burn_the_house|hurt'], within: 5, unlessWith: 'lol|haha|lmao|jk|joking|kidding|film|game|late|mum|mam|nan|boss|teacher|MYSELF|YOURSELF|THEMSELF' },
];
