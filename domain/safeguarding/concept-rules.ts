import type { RiskCategory } from './risk-category.js';

/**
 * Rules over concepts (vocabulary.ts), in the pattern language of token-pattern.ts: who × what × cues. Each rule
 * names one category; its name is what the key worker reads as the reason.
 */
export interface ConceptRule {
  name: string;
  category: RiskCategory;
  pattern: string;
  /** Not when one of these comes in the two words before the match ("do not want to die"). */
  unlessPrecededBy?: string;
  /** Not when the word after the match is one of these ("kill myself laughing", "want to live with my mum"). */
  unlessFollowedBy?: string;
  /** Only when the message also holds one of these somewhere. */
  onlyWith?: string;
  /** Not when the message also holds one of these somewhere ("I won't be here next week, I'm on holiday"). */
  unlessWith?: string;
}

const PERSON = 'HE_SHE|THEY|INTIMATE|FAMILY|EMPLOYER';
const ABUSER = 'HE_SHE|INTIMATE|FAMILY';
const HOLDER = 'HE_SHE|THEY|EMPLOYER|INTIMATE|FAMILY';
const NOT_PLACE = 'in|with|at|near|there|on|by|abroad|alone|round|around|somewhere|anywhere|like|without|where|together';
const PRESENT_VIOLENCE = 'hit|hits|hitting|beat|beats|beating|beaten|punch|punches|punched|kick|kicks|kicked|slap|slaps|slapped|choke|chokes|choked|choking|strangle|strangles|strangled|strangling|throttle|throttled|smother|smothered|push|pushes|pushed|shove|shoved|grab|grabbed|drag|dragged|pin|pinned|headbutt|headbutted|attack|attacked|assault|assaulted|batter|battered|hurt|hurts|hurting|smack|smacked|thump|thumped|stamp|stamped|burn|burned|burnt|abuse|abuses|abused|bruise|bruised|knocked|floored|whack|whacked|belt|belted|bit|bite|spat|lock|locks|locked|VIOLENCE_STRONG';

export const CONCEPT_RULES: readonly ConceptRule[] = [
  // Suicide: the word itself, ending one's life, wanting to die, not wanting to live.
  { name: 'suicide named', category: 'suicide', pattern: 'SUICIDE', unlessFollowedBy: 'prevention|awareness|training|course|squad|bomber|bombers|bombing|rates|rate|statistics|drill|doors|mission|note_|watch|risk|hotline|helpline|line|charity' },
  { name: 'killing oneself', category: 'suicide', pattern: 'KILL|hang|hanging|gas|drown|drowning|shoot|poison|overdose|unalive|off|top MYSELF', unlessFollowedBy: 'laughing|laughin|lol|lmao|haha|with|at|on' },
  { name: 'someone killing themself', category: 'suicide', pattern: 'KILL|hang|hanging|gas|drown|shoot|poison|overdose|off|top THEMSELF', unlessFollowedBy: 'laughing|lol|haha|with|at|on' },
  { name: 'killing oneself (you)', category: 'suicide', pattern: 'I ~4 KILL YOURSELF' },
  { name: 'ending my life', category: 'suicide', pattern: 'KILL|end|ending|take|taking|took|finish ~1 my|own ~1 life', unlessFollowedBy: 'savings|insurance|story|sentence' },
  { name: 'ending it all', category: 'suicide', pattern: 'KILL|end|ending|finish|finishing it_all|everything|it_for_good' },
  { name: 'ending it', category: 'suicide', pattern: 'WANT|to|just|gonna|done|before|b4|till|until ~2 KILL|end|ending it', unlessFollowedBy: 'with|for|at|on|between|off|early|there|now_' },
  { name: 'wanting to die', category: 'suicide', pattern: 'WANT ~2 die|dead|gone', unlessPrecededBy: 'NOT', unlessFollowedBy: 'of|laughing|from|for|to|down|off|out|on|in|when|if|at|inside' },
  { name: 'wishing to be dead', category: 'suicide', pattern: 'wish|rather ~3 dead|never_born|not_born|not_here|not_alive|disappear|disappeared' },
  { name: 'better off dead', category: 'suicide', pattern: 'better_off ~2 dead|without_me|gone|if_i' },
  { name: 'not wanting to live', category: 'suicide', pattern: 'NOT ~2 want|wanna ~2 live|living|alive|exist|existing|breathe|here|around|wake|carry|continue|continu|be_here|be_alive|be_around', unlessFollowedBy: `${NOT_PLACE}|up_early|early|at|for|so|there|here_` },
  { name: 'no reason to live', category: 'suicide', pattern: 'no|not|nothing|any ~2 point|reason|worth ~2 living|live|alive|going_on|carrying_on|life|existing|me', onlyWith: 'live|living|alive|life|on|existing|any|anymore|more|it' },
  { name: 'cannot go on', category: 'suicide', pattern: 'can|could NOT ~1 go_on|carry_on|continue|continu|cope|keep_going|do_this ~1 like|living|any|anymore|more|no|with_life|with_this', unlessFollowedBy: 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|the|a|that|this|holiday|trip|course|training|at|time|today|tomorrow|then|next|because' },
  { name: 'never waking up', category: 'suicide', pattern: 'never|not ~1 wake_up|wake|waking', unlessFollowedBy: 'early|in|at|for|on|when|till|until|to' },
  { name: 'means saved up', category: 'suicide', pattern: 'HOARD ~4 MEANS_PILLS', unlessWith: 'cold|flu|lemsip|headache|period|toothache|temperature|fever|sore|hayfever|pharmacy|pharmacist|chemist|prescription_ready|role|job|qualifications|assistant|counting_tablets|ward|nurse|care_home|carer' },
  { name: 'means saved up', category: 'suicide', pattern: 'MEANS_PILLS ~3 HOARD|lined|ready|counted', unlessWith: 'cold|flu|lemsip|headache|period|toothache|temperature|fever|sore|hayfever|pharmacy|pharmacist|chemist|prescription_ready|role|job|qualifications|assistant|counting_tablets|ward|nurse|care_home|carer' },
  { name: 'taking all the pills', category: 'suicide', pattern: 'take|taking|took|swallow|swallowed|swallowing|down|neck|taken ~3 all|whole|load|loads|lot|lots|handful|box|packet|bottle|boxes|packets|every|enough ~3 MEANS_PILLS' },
  { name: 'how many pills', category: 'suicide', pattern: 'how_many|how_much ~3 MEANS_PILLS ~5 kill|die|dead|end|lethal|fatal|take|would' },
  { name: 'overdose', category: 'suicide', pattern: 'overdose|overdosed|overdosing', unlessPrecededBy: 'accidental|prevent|training|naloxone' },
  { name: 'overdose', category: 'suicide', pattern: 'took|taken|take|taking|had|an|done|did ~1 od|ods' },
  { name: 'lethal means with intent', category: 'suicide', pattern: 'HOARD|WANT|going|jump|jumping|hang|step|stepping|throw|walk|lie|lay|stand|standing|stood|sat|sitting|drive|driving ~4 off|front|under|onto|in|into|from|on|at|over ~4 MEANS_LETHAL', onlyWith: 'jump|jumping|hang|step|stepping|throw|myself|end|it|done|goodbye|over|die|tonight|KILL|never|nearly|rope|noose|exhaust|edge|ledge|off' , unlessFollowedBy: 'station|course|training|closed|works|delayed|cancelled|late|strike', unlessWith: 'goes_over|change_for|maintenance|rope_access|job|charity|film|view|holiday|interview|commute|scenic|pretty' },
  { name: 'rope or noose', category: 'suicide', pattern: 'bought|got|have|tied|tie|made|make|ready|hung|hang ~3 rope|noose|ligature|belt', onlyWith: 'done|myself|end|goodbye|tonight|die|neck|beam|loft|over|it|for' },
  { name: 'exhaust fumes', category: 'suicide', pattern: 'hose|pipe ~4 exhaust|car|engine' },
  { name: 'engine running shut in', category: 'suicide', pattern: 'engine_running ~4 garage|closed|shut' },
  // Finality: goodbyes, notes, last words, affairs in order, a burden, not being missed.
  { name: 'a goodbye', category: 'suicide', pattern: 'goodbye|bye ~2 everyone|all|forever|world|everybody|for_good|kids|guys|xx|love|thank', unlessPrecededBy: 'said|say|wave|waved|saying', onlyWith: 'forever|everyone|everything|love|sorry|thank|kids|world|for_good|goodbye' },
  { name: 'a goodbye texted', category: 'suicide', pattern: 'texted|messaged|sent|said|say|saying ~2 me|us|everyone|goodbye ~2 goodbye|bye', onlyWith: 'locked|bathroom|bridge|pills|forever|everyone|worried|scared' },
  { name: 'a last message', category: 'suicide', pattern: 'my|this|last ~2 last|final ~1 text|message|words|msg|goodbye', unlessFollowedBy: 'before|was|about|tonight_|today', onlyWith: 'thank|love|sorry|goodbye|everything|forever|be|me|trying|ever' },
  { name: 'notes left for family', category: 'suicide', unlessWith: 'cover|job|jobs|application|applications|cv|thank_you|thankyou|birthday|christmas|card|cards|late|school|teacher|dinner|tea|fridge|shopping', pattern: 'note|notes|letter|letters ~3 for|to ~3 kids|children|everyone|family|son|daughter|mum|dad|wife|husband|partner|sister|brother|them', onlyWith: 'left|written|wrote|writing|sorry|goodbye|love|gone|theirs|make|sure|find|after|kids|everyone' },
  { name: 'notes left for family', category: 'suicide', unlessWith: 'cover|job|jobs|application|applications|cv|thank_you|thankyou|birthday|christmas|card|cards', pattern: 'written|wrote|writing|left ~2 letters|notes|note|letter ~2 for|to ~1 everyone|everybody|all|family|kids|children' },
  { name: 'sorry for everything', category: 'suicide', pattern: 'sorry ~2 for ~1 everything|all|being|what_i_am_about' , onlyWith: 'everything|love|tell|goodbye|burden|be|gone|forgive|kids|all'},
  { name: 'tell them I love them', category: 'suicide', pattern: 'tell ~3 i ~1 love|loved ~1 them|her|him|you', onlyWith: 'sorry|goodbye|everything|gone|last|ever|always|forever' },
  { name: 'a burden', category: 'suicide', pattern: 'BURDEN ~4 everyone|everybody|all|family|them|anyone|longer|much', unlessFollowedBy: 'with|of', onlyWith: 'burden|longer|without|off|better|waste' },
  { name: 'a burden', category: 'suicide', pattern: 'i|am|im|just|such ~3 burden' },
  { name: 'better off without me', category: 'suicide', pattern: 'better|happier|easier ~3 without|if ~2 me|i|gone' },
  { name: 'nobody would notice', category: 'suicide', pattern: 'no_one|nobody|anyone|none ~4 notice|noticed|miss|care|cared ~4 if|when|that ~3 gone|dead|died|disappeared|here|around|existed|vanished|alive|went' },
  { name: 'nobody would miss me', category: 'suicide', pattern: 'no_one|not_one|nobody ~2 miss|notice|care|cares ~1 me|if|when|about_me' },
  { name: 'not being here soon', category: 'suicide', unlessWith: 'dentist|appointment|doctors|got_a|holiday|holidays|away|wedding|abroad|visiting|trip|working|shift|interview|hospital|appointment_at|course|funeral|festival|moving|visit|because|cos|as',  pattern: 'NOT ~2 be|being|b ~1 here|around|alive ~3 long|longer|tomorrow|next|by|soon|much|then|anymore|any|friday|monday|tuesday|wednesday|thursday|saturday|sunday|for', onlyWith: 'need|bother|longer|soon|long|tomorrow|by|anymore|any|book|sorry', unlessFollowedBy: 'holiday|away|because|as|since|working|at' },
  { name: 'a problem not for long', category: 'suicide', pattern: 'problem|burden|bother|trouble|worry ~3 for|much ~2 longer' },
  { name: 'affairs in order', category: 'suicide', unlessWith: 'baby_stuff|uniform|old_clothes|charity_shop|facebook|selling|moving|course|clear_out|decluttering|spring_clean|new_flat|youngest|jobcentre|paperwork|claim|benefits|tax|forms', pattern: 'sorted|sort|given|giving|gave ~4 who_gets|my_stuff|my_things|away_my|away_all|my_dog|my_cat|my_belongings|stuff|things|everything', onlyWith: 'need|gone|over|soon|after|when|wont|won|not' },
  { name: 'it will be over soon', category: 'suicide', pattern: 'all ~2 over ~1 soon|tonight|tomorrow' },
  { name: 'I am done', category: 'suicide', pattern: 'am done|finished', onlyWith: 'rope|pills|tablets|goodbye|bridge|tonight|life|living|everything|forever|sorry|noose|it_all|trying' },
  { name: 'thoughts of death', category: 'suicide', pattern: 'thoughts|thinking|think|thought ~2 about|of|bout ~1 dying|death|ending|killing|jumping|stepping|not|die|suicide' },
  { name: 'not worth living', category: 'suicide', pattern: 'life|living ~2 NOT ~1 worth', onlyWith: 'life|living' },
  { name: 'want it to end', category: 'suicide', pattern: 'want|wish ~3 it|everything|all ~2 to ~1 stop|end|over', onlyWith: 'all|everything|forever|life|pain', unlessFollowedBy: 'early|soon_|raining' },

  // Self-harm.
  { name: 'self-harm named', category: 'self_harm', pattern: 'self harm|harmed|harming|harmin|injury|injuring|injure|hurt|hurting|harmd' },
  { name: 'self-harm named', category: 'self_harm', pattern: 'sh again|agian|agen|relapse|relapsed|ngl' },
  { name: 'hurting oneself', category: 'self_harm', pattern: 'SELF_INJURY|SCARS ~1 MYSELF|THEMSELF', unlessFollowedBy: 'shaving|cooking|ironing|accidentally|by|at|on|playing|lifting|while_cooking|when_cooking|while_shaving|when_shaving|doing|falling|in|out|off|slightly|a|wrth|ar_ddamwain', unlessWith: 'accident|accidentally|oven|cooking|chopping|shaving|gym|football|rugby|sprained|paper|fell|fall|tripped|tumble|slipped|gardening|diy|tin|fence|tetanus|tattoo|bakery|hob|kettle|box_cutter|first_aider|accident_book|bike|carrying|lifting|manual_handling|cupboard|lump|netball|hockey|boxing' },
  { name: 'hurting oneself on purpose', category: 'self_harm', pattern: 'SELF_INJURY|punched|scratched|scratching|cutted|burnd|burnt|banging ~6 on_purpose|purpose|purpus|deliberately|to_feel|till_it|until_it|till|until ~2 bleeds|bleed|bled|bleeding|bruises|bruise|pain|hurt|hurts|something|purpose|purpus|on' },
  { name: 'cutting again', category: 'self_harm', pattern: 'started|start|been|keep|back|stop|thinking|thinkin|about|relapsed ~3 cutting|cuttin|cuting|burning|scratching|hurting|harming|cut' },
  { name: 'cutting again', category: 'self_harm', unlessWith: 'accident|accidentally|oven|cooking|chopping|shaving|gym|football|rugby|sprained|paper|fell|fall|tripped|tumble|slipped|gardening|diy|tin|fence|tetanus|tattoo|bakery|hob|kettle|box_cutter|first_aider|accident_book|bike|carrying|lifting|manual_handling|cupboard|lump|netball|hockey|boxing', pattern: 'cutting|cuttin|cuting|cut|cuts|burning|scratching|harming|burnt ~2 again|agen|agian|my_arms|my_arm|my_legs|my_leg|my_wrists|my_thighs|deep|on_purpose|to_cope|cope|arms|legs|wrists|thighs|my_skin|skin' },
  { name: 'cuts or scars on the body', category: 'self_harm', pattern: 'cuts|cut|scars|marks|burns|wounds|bandages|bandage ~4 wrists|wrist|arms|arm|legs|thighs|thigh|her_arms|his_arms|her_legs', onlyWith: 'found|hide|hiding|see|sees|nobody|secret|purpose|again|ask|all|sleeves|over' },
  { name: 'hiding the marks', category: 'self_harm', pattern: 'long_sleeves|longsleeves|sleeves|hide|hiding|cover|covering ~8 arms|wrists|legs|thighs|marks|scars|cuts|bandages|what_i_do|what_i_have_done|done' , onlyWith: 'sleeves|bandages|scars|cuts|marks|see|sees|find|done|do'},
  { name: 'blades kept', category: 'self_harm', pattern: 'blade|blades|razor|razors ~4 hidden|out|again|just_in_case|in_case|HOARD', onlyWith: 'my|again|case|hidden|keep' },
  { name: 'blades kept', category: 'self_harm', pattern: 'got|keep|kept|have|hid ~3 blade|blades|razor|razors', onlyWith: 'again|case|hidden|purse|out|secret|my_blades' },
  { name: 'pain to feel', category: 'self_harm', pattern: 'feel|need ~2 pain ~3 feel|anything|something|better|real|alive' },
  { name: 'clean streak broken', category: 'self_harm', pattern: 'clean ~3 streak|days|weeks|months ~3 over|gone|broke|broken|ended|ruined' },
  { name: 'clean streak broken', category: 'self_harm', pattern: 'after ~2 days|weeks|months|years ~1 clean' },

  // Domestic abuse: someone close harming, threatening or controlling them.
  { name: 'someone close hurting them', category: 'domestic_abuse', pattern: `${ABUSER} ~3 ${PRESENT_VIOLENCE} ~2 me|my|us|her|him`, unlessFollowedBy: 'up|to|at|in_the_race|with_a_bill|by|out_of', onlyWith: `${ABUSER}` },
  { name: 'someone close hurting them', category: 'domestic_abuse', pattern: `${ABUSER} ~2 put ~3 hands ~3 neck|throat|me|on` },
  { name: 'hurt by someone close', category: 'domestic_abuse', pattern: 'been|being|got|get|getting|was|were|am|is ~2 beaten|battered|strangled|choked|punched|kicked|slapped|abused|attacked|assaulted|hit|hurt|pushed|throttled|knocked|thrown ~3 by ~1 INTIMATE|FAMILY|my|him|her|husband|partner' },
  { name: 'bruises he left', category: 'domestic_abuse', pattern: 'bruises|bruise|marks|black_eye|injuries|bruised ~4 HE_SHE|INTIMATE|FAMILY', onlyWith: 'left|gave|did|cover|hide|makeup|make|done|from' },
  { name: 'the injury story', category: 'domestic_abuse', pattern: 'told|said|say|tell ~4 fell|walked|walk|fall ~5 NOT ~1 fall|fell|walk|walked|into', onlyWith: 'didnt|did' },
  { name: 'threats from someone close', category: 'domestic_abuse', pattern: `${ABUSER} ~4 THREAT|will|would|going|gonna|wants ~3 KILL|hurt|stab|beat|batter|strangle|burn|harm|smash|pay|sorry ~2 me|us|if|when|for|the|it`, unlessFollowedBy: 'lol|haha|lmao|xd', unlessPrecededBy: 'mum|dad|nan|teacher|boss|mam' },
  { name: 'threats from someone close', category: 'domestic_abuse', pattern: `${ABUSER} ~4 threatening|threatened|threatens|threaten|threats ~2 me|us|to`, unlessFollowedBy: 'with_a_sanction|sanctions|court|eviction' },
  { name: 'threats from someone close', category: 'domestic_abuse', pattern: 'if ~3 HE_SHE|INTIMATE ~2 finds|find|found|knew|sees|saw ~6 hurt|kill|beat|pay|go_mad|kick_off|dead|hit|killed|murder' },
  { name: 'threats from someone close', category: 'domestic_abuse', pattern: 'pay|suffer ~1 for_it|for_this', onlyWith: 'he|she|reads|checks|finds|sees' },
  { name: 'controlling money, phone or movement', category: 'domestic_abuse', unlessWith: 'mistake|by_mistake|lol|haha|cos_i_was|because_i_was|charger|borrow|lend|lent|fix|repair|screen', pattern: `${ABUSER} ~3 CONTROL_VERB ~3 my|me|her|his|all ~3 MONEY|PHONE|DOCUMENTS|keys|pension|everything|wages|tracker`, onlyWith: `${ABUSER}` },
  { name: 'controlling money, phone or movement', category: 'domestic_abuse', pattern: `${ABUSER} ~3 controls|control|controlling|monitors|tracks|tracking ~2 everything|me|my|where|who|what` },
  { name: 'controlling money, phone or movement', category: 'domestic_abuse', pattern: 'put|installed|has|got ~3 tracker|tracking|app|spyware ~3 my|on ~2 phone|car|me' },
  { name: 'controlling money, phone or movement', category: 'domestic_abuse', pattern: 'he|she|INTIMATE checks|reads|goes|looks|watches ~3 my|through ~2 phone|fone|texts|messages|everything|emails', onlyWith: 'every|mad|kick|all|everything|after|if|always' },
  { name: 'controlling money, phone or movement', category: 'domestic_abuse', pattern: 'reads|checks|watches ~2 everything|my', onlyWith: 'he|she|after|pay|mad|kick' },
  { name: 'not allowed out', category: 'domestic_abuse', pattern: 'NOT ~2 allowed|ALLOW ~3 me|to ~3 OUTSIDE|work|job|course|friends|family|phone|money|anyone|house|without', unlessFollowedBy: 'early|before|till|until', onlyWith: `${ABUSER}|house|home|him|her|sneak|without` },
  { name: 'not allowed out', category: 'domestic_abuse', pattern: 'will|wont|does|doesnt|never|dont|NOT ~1 let|lets ~1 me|her ~2 OUTSIDE|have|work|see|use|go', unlessFollowedBy: 'early|before|till|until|off_early', onlyWith: `${ABUSER}` },
  { name: 'not allowed out', category: 'domestic_abuse', pattern: 'lock|locks|locked|lokcs|lokced ~2 me|the door|door|us ~2 in|when|out|at', onlyWith: `${ABUSER}|go|out|when` },
  { name: 'not allowed out', category: 'domestic_abuse', pattern: 'sneak|sneaked|snuck|secretly|hide ~3 this|text|message|phone' },
  { name: 'afraid of someone close', category: 'domestic_abuse', pattern: `FEAR|scare|scard ~3 of|to ~2 go|going|him|her|INTIMATE|FAMILY|what ~1 home|he|she|back`, onlyWith: `${ABUSER}|home` },
  { name: 'afraid of someone close', category: 'domestic_abuse', pattern: 'FEAR|scare ~2 to ~1 go|going ~1 home|back' },
  { name: 'cannot talk, they are here', category: 'domestic_abuse', pattern: 'NOT ~1 talk|speak|text|call|reply|ring ~3 HE_SHE ~1 is|here|home|around|listening|watching|back' },
  { name: 'not safe at home', category: 'domestic_abuse', pattern: 'NOT|unsafe|isnt ~3 safe|feel ~3 home|house|flat|with|there', onlyWith: 'home|house|flat|him|her|INTIMATE|FAMILY' },
  { name: 'abuse named', category: 'domestic_abuse', pattern: 'domestic abuse|violence|abuser|abused' },
  { name: 'abuse named', category: 'domestic_abuse', pattern: 'coercive|abusive|controlling ~1 control|relationship|partner|husband|wife|boyfriend|girlfriend|ex|man|behaviour' },
  { name: 'abuse named', category: 'domestic_abuse', pattern: 'INTIMATE|HE_SHE ~2 is|so|very|really ~1 abusive|violent|controlling' },
  { name: 'a neighbour being hurt', category: 'domestic_abuse', pattern: 'screaming|screams|shouting ~6 HE_SHE ~2 hitting|beating|hurting|hit|hits' },

  // Sexual violence.
  { name: 'rape or assault named', category: 'sexual_violence', pattern: 'RAPE', unlessFollowedBy: 'crisis_line_volunteer|alarm|alarms' },
  { name: 'rape or assault named', category: 'sexual_violence', pattern: 'sexual|sexually|sexualy ~1 assault|assaulted|asaulted|abuse|abused|harassed|harassment|attacked|exploited' },
  { name: 'sex without consent', category: 'sexual_violence', pattern: 'FORCE|forces ~2 me|her|us ~3 have|do|sex|stuff|things|touch|sleep ~3 sex|with|in|to|stuff|things|him|her|bed', onlyWith: 'sex|bed|stuff|things|touch|with_him|dont_want|didnt_want|want_to|said_no|no' },
  { name: 'sex without consent', category: 'sexual_violence', pattern: 'said_no|say_no|told_him_no|told_him_to_stop|begged ~3 HE_SHE|they ~3 NOT|kept|carried|continued|still ~1 stop|stopped|listen|going|on|care' },
  { name: 'sex without consent', category: 'sexual_violence', pattern: 'HE_SHE|they ~2 NOT|wouldnt|didnt ~1 stop ~2 when ~1 i ~1 said|told|asked|begged' },
  { name: 'sex without consent', category: 'sexual_violence', pattern: 'woke|wake|waking ~3 up ~4 HE_SHE|THEY ~2 doing|was|were|on|touching|inside|had|naked|no_clothes' },
  { name: 'sex without consent', category: 'sexual_violence', pattern: 'woke|wake ~6 no|without ~1 clothes|knickers|underwear|pants', onlyWith: 'spiked|drink|flat|his|remember|dont|him' },
  { name: 'unwanted touching', category: 'sexual_violence', pattern: `${PERSON} ~4 touch|touched|touches|touching|toutched|grabbed|groped|feels|felt ~2 me|my|her|him|between|up`, unlessFollowedBy: 'base|shoulder_lightly', onlyWith: 'where|didnt|want|legs|privates|breasts|bum|chest|keeps|again|inappropriately|without|no_one|nobody|secret|believe|wall|stop|sick|bath' },
  { name: 'a drink spiked', category: 'sexual_violence', pattern: 'put|putting|slipped ~2 something ~2 in|into ~2 drink' },
  { name: 'threat to share intimate images', category: 'sexual_violence', pattern: 'SHARE|go|goes|going ~4 nudes|nude|pics|pictures|photos|videos|images|pic|photo|video ~6 if|unless|everyone|online|mum|family|work|boss|friends', onlyWith: 'if|unless|threaten|threatening|threatened|says|said|sayin|saying|will' },
  { name: 'threat to share intimate images', category: 'sexual_violence', pattern: 'nudes|nude|pics|pictures|photos|videos|images ~2 go|goes|going|sent|posted|shared|online ~3 to|online|everyone|if|unless', onlyWith: 'if|unless|says|said|threaten' },
  { name: 'pressure for images', category: 'sexual_violence', pattern: 'asking|askin|asks|wants|keeps ~3 for|me ~2 pics|pictures|photos|nudes|videos', onlyWith: 'find|come|im|age|old|if|send|more|15|14|13|16|12' },
  { name: 'sex as payment', category: 'sexual_violence', pattern: 'sex ~4 instead|for|pay|paying|rent|debt|money|owe' },
  { name: 'pinned against the wall', category: 'sexual_violence', pattern: 'pinned|pushed|held ~2 me|her ~2 against|down|to', onlyWith: 'touching|touched|kissed|groped|sex|manager|boss|back_room|keeps' },

  // A child at risk.
  { name: 'a child being hurt', category: 'child_at_risk', pattern: `${PERSON} ~4 ${PRESENT_VIOLENCE}|touches|touched|touching|toutched|hurts|hurt|locks|locked ~3 CHILD|bro|brother|sister|sis`, onlyWith: 'CHILD|little|bro' },
  { name: 'a child being hurt', category: 'child_at_risk', unlessWith: 'bike|rugby|football|fell|fall|playground|trampoline|learning|proud|badge|scooter|tumble|climbing|pe|netball|tooth|teeth|vaccination|jab', pattern: `CHILD ~8 ${PRESENT_VIOLENCE}|touches|touched|toutched|bruises|bruise|bruised|burns|burn|black_eye|marks ~4 by|her|his|him|all|arms|face|eye|hand|again`, onlyWith: 'CHILD' },
  { name: 'a child being hurt', category: 'child_at_risk', pattern: 'CHILD ~6 said|says|told ~6 HE_SHE|dad|mum|stepdad|uncle|man|boyfriend|girlfriend ~3 did|does|touches|touched|hit|hits|hurt|held|burnt|locks' },
  { name: 'a child keeping a secret', category: 'child_at_risk', pattern: 'secret|secrets ~6 NOT|never|allowed|tell|play|game|bath', onlyWith: 'CHILD|14|15|13|12|11|10|9|8|7|6|5|4|stepdad|uncle|dad' },
  { name: 'a child keeping a secret', category: 'child_at_risk', pattern: 'NOT ~2 meant|supposed|allowed ~2 to ~1 tell ~3 anyone|anybody|what|mum' },
  { name: 'a child left alone', category: 'child_at_risk', pattern: 'left|leave|leaves|leaving ~4 CHILD|alone|home ~4 alone|on_her_own|on_his_own|on_their_own|by_themselves|by_herself|by_himself|all_day|all_night|no_adults|overnight|own', onlyWith: 'CHILD|9|8|7|6|5|4|3|2' },
  { name: 'a child left alone', category: 'child_at_risk', pattern: 'CHILD|kids ~5 alone|no_adults|crying|left ~5 since|days|hours|all_night|all_day|night|no_one|nobody|friday|monday|saturday|sunday|yesterday' },
  { name: 'a child not fed', category: 'child_at_risk', pattern: 'CHILD|kids ~3 NOT|havent|hasnt ~1 eaten|ate|fed', onlyWith: 'since|days|nothing|today|yesterday' },
  { name: 'a child groomed', category: 'child_at_risk', pattern: 'year|yr ~1 old|olds ~4 picked|picking|getting|taken|going ~3 older|men|man|cars|car', onlyWith: 'older|men|man' },
  { name: 'a child groomed', category: 'child_at_risk', pattern: 'older ~1 men|man|guys|lads ~4 picking|picked|cars|car|giving|gives', onlyWith: 'CHILD|13|14|15|12|year|girl|girls|boys|boy' },
  { name: 'a child disclosing', category: 'child_at_risk', pattern: 'i am|m ~1 9|10|11|12|13|14|15|16|17|only_13|only_14|only_15|only_12', onlyWith: `${PRESENT_VIOLENCE}|touches|touched|room|secret|secrets|scared|pics|hits|hurts|battered|home|kicked|come|find|stepdad` },
  { name: 'a child disclosing', category: 'child_at_risk', pattern: 'comes|came|come ~2 into|in ~1 my ~1 room|bed ~2 at|when|night' },

  // Exploitation and modern slavery.
  { name: 'documents held by someone else', category: 'exploitation', pattern: `${HOLDER}|man|who ~4 CONTROL_VERB|tak|got ~4 my|our|his|her|the ~2 DOCUMENTS`, unlessFollowedBy: 'photo|photos|check|checked|copy|copied|photocopy|photocopied|number|details|back_to_me', onlyWith: 'took|take|takes|keep|keeps|kept|has|have|holds|holding|held|got|taken|confiscated|give' },
  { name: 'documents held by someone else', category: 'exploitation', pattern: 'DOCUMENTS ~3 taken|kept|held|confiscated|took|keeping' },
  { name: 'wages taken', category: 'exploitation', unlessWith: 'INTIMATE|husband|wife|partner|boyfriend|girlfriend|son|daughter', pattern: 'take|takes|took|keep|keeps|kept|tak|taking ~3 all|my|our|his|her ~2 wages|wage|pay|money|earnings|salary|card|bank', onlyWith: 'they|boss|work|rent|food|transport|trasport|debt|owe|left|week|nothing|card|wages|pension' },
  { name: 'work without pay', category: 'exploitation', pattern: 'work|working|worked ~5 no|without|NOT|never|dont ~2 money|pay|paid|wages|for_free|for_nothing' },
  { name: 'work without pay', category: 'exploitation', pattern: 'NOT|never|havent|hasnt ~2 been|get|got|getting ~1 paid ~4 months|weeks|debt|owe|they' , onlyWith: 'debt|owe|they|months|goes'},
  { name: 'a debt to work off', category: 'exploitation', pattern: 'owe|owes|owed|owing|debt|debts|det ~5 them|him|boss|flight|travel|room|bringing|brought|visa|transport|gang|olders|to_them', onlyWith: `can|cant|leave|until|till|work|say|said|hurt|paid|goes|robbed|family|EMPLOYER|they` },
  { name: 'not allowed to leave work', category: 'exploitation', pattern: 'NOT|cant|cannot ~2 allowed|ALLOW|let ~2 me|us|to ~3 leave|go|say|outside|out', onlyWith: 'work|farm|boss|owner|shop|site|wages|packages|towns|they|EMPLOYER|house' , unlessFollowedBy: 'early|before|till|until'},
  { name: 'not allowed to leave work', category: 'exploitation', pattern: 'cant|can|cannot ~2 NOT|leave ~2 leave|farm|site|house|job|work|them', onlyWith: 'owe|paid|papers|police|arrest|passport|debt|until|they|boss' },
  { name: 'sleeping at the workplace', category: 'exploitation', pattern: 'sleep|sleeps|sleeping|slept|live|living|stay|staying ~3 at|in|on|there ~2 WORKPLACE|there', onlyWith: 'WORKPLACE|work', unlessFollowedBy: 'tonight_ok' },
  { name: 'forced to sell drugs or carry', category: 'exploitation', pattern: 'FORCE|have|got|sent|send|runnin|running|run ~4 to|me|us ~3 sell|selling|deliver|delivering|carry|carrying|run|running|drop|hold|holding|with ~2 DRUGS|drugs|packages|parcels|for|towns', onlyWith: 'drugs|gear|olders|owe|hurt|say_no|not_allowed|threat|they|towns|lines|drop|dealing' },
  { name: 'forced to sell drugs or carry', category: 'exploitation', pattern: 'drop|drops|deliveries|runs ~4 tonight|or|they ~4 find|hurt|know_where|kill|owe' },
  { name: 'forced to sell drugs or carry', category: 'exploitation', pattern: 'county_lines|county_line' },
  { name: 'a home taken over', category: 'exploitation', pattern: 'taken|took|take|takin ~1 over ~2 my|his|her|the ~1 flat|house|place|home' },
  { name: 'a home taken over', category: 'exploitation', pattern: 'dealing|selling|deal ~2 from|out ~1 of|it|my|his|her', onlyWith: 'flat|house|place|living|lads|men|wont|terrified' },
  { name: 'trafficking named', category: 'exploitation', pattern: 'TRAFFICKING' },

  // Nowhere safe to sleep tonight.
  { name: 'nowhere to sleep', category: 'homeless_tonight', pattern: 'nowhere|no_where|no_were|no_place|noplace|anywhere ~3 to|for|safe ~2 sleep|sleeping|sleepin|stay|staying|go|live|put|crash|kip', unlessFollowedBy: 'for_lunch|else_to_park' , onlyWith: 'sleep|sleeping|stay|tonight|night|streets|street|kicked|evicted|out|locks|bags|hostel|full|walking|live|me|today'},
  { name: 'nowhere to sleep', category: 'homeless_tonight', pattern: 'no|nowhere|not|anywhere|got ~2 place|where|bed|roof ~3 to|for|over|sleep|tonight|head', onlyWith: 'tonight|sleep|sleeping|hostel|night|head' },
  { name: 'sleeping rough', category: 'homeless_tonight', unlessWith: 'festival|camping|glastonbury|holiday|trip|road_trip|cant_wait|fishing|campsite', pattern: 'sleep|sleeps|sleeping|sleepin|slept|kip|kipping|spend|spending|night|nights|living ~4 rough|streets|street|outside|bench|doorway|tent|station|stairwell|underpass|park|car|cars|van', unlessFollowedBy: 'tonight_ok|park_and_ride|party|lights|fest', onlyWith: 'rough|streets|street|doorway|bench|tent|stairwell|underpass|park|station|car|again|nights|night|freezing|freezin|cold|been|since|tonight' },
  { name: 'sleeping rough', category: 'homeless_tonight', pattern: 'on ~1 the ~1 streets|street ~2 tonight|again|now|homeless|n|and' },
  { name: 'put out of home', category: 'homeless_tonight', pattern: 'EVICTED|chucked|changed ~3 me|us|the|my|him|her ~2 out|locks|lock', onlyWith: 'tonight|today|nowhere|street|streets|stuff|bags|home|house|flat|landlord|mum|dad|partner|INTIMATE|FAMILY|no_where|no_were|sleep|lunch|night', unlessFollowedBy: 'of_the_group|of_class|of_the_chat|of_college|of_school|of_the_pub' },
  { name: 'homeless now', category: 'homeless_tonight', pattern: 'homeless|homless ~3 tonight|tonite|now|from|today|again', unlessPrecededBy: 'for|at|the|volunteer|with' },
  { name: 'homeless now', category: 'homeless_tonight', pattern: 'i|im|am|we|are|were ~2 homeless|homless|evicted', unlessFollowedBy: 'charity|shelter|project' },
  { name: 'hostel full', category: 'homeless_tonight', pattern: 'hostel|hostle|shelter ~3 full|no_room|no_beds|turned_me_away|said_no', onlyWith: 'tonight|sleep|nowhere|night|no' },
  { name: 'walking around all night', category: 'homeless_tonight', pattern: 'walking|walkin|wandering ~3 round|around|about ~2 town|streets|all_night|with_my', onlyWith: 'nowhere|rucksack|bags|night|pm|since' },
  { name: 'open all night', category: 'homeless_tonight', pattern: 'open|warm ~2 all_night|overnight ~6 nowhere|bags|sleep|me' },

  // Violence from or towards people outside the family.
  { name: 'stabbed, shot or attacked', category: 'violence', pattern: 'got|get|been|was|were|is|am|getting|being|just ~2 stabbed|stabed|shot|glassed|jumped|mugged|attacked|assaulted|beaten|battered|knifed|slashed|robbed', unlessFollowedBy: 'down|at|on|to|in_the_final|by_a_car|the_chance|into|out|over|up|with_a_bill|by_the_news|off' },
  { name: 'stabbed, shot or attacked', category: 'violence', pattern: 'THEY|HE_SHE|mate|brother|friend|son|CHILD|someone|someones ~3 stabbed|shot|glassed|attacked|slashed|knifed|mugged ~2 me|him|her|them|outside|last|in|on|my|us|tonight' },
  { name: 'a weapon used or carried', category: 'violence', unlessWith: 'stanley|carpet|fitter|for_work|tools|chef|kitchen|knife_set|course|crime|talk|lesson', pattern: 'pulled|pointed|waved|came|threatened|threaten|threten|attacked|had|got|carrying|carry|chased|swung|held ~5 WEAPON|knife|nife|blade|gun|hammer|machete|bat|one', onlyWith: 'me|us|him|her|them|outside|i|my|protection|they', unlessFollowedBy: 'sharpener|skills|block|set|crime_drama' },
  { name: 'a weapon used or carried', category: 'violence', unlessWith: 'stanley|carpet|fitter|for_work|tools|chef|kitchen|knife_set|course|crime|talk|lesson', pattern: 'carrying|carry|carried|started ~3 something|one|knife|blade ~3 for|protection|now|on' },
  { name: 'threats to kill or hurt', category: 'violence', pattern: 'THREAT|threats|threaten|threatening|threatened|threten|saying|sayin|say|said|says|gonna|going|will|wil ~4 KILL|stab|shank|shoot|hurt|batter|beat|burn|merk|harm|smash ~2 me|us|him|her|them|my', unlessPrecededBy: 'mum|mam|dad|nan|teacher|boss|wife|missus', unlessFollowedBy: 'lol|haha|lmao|if_i_am_late|for_being_late|with_sanctions', unlessWith: 'lol|haha|lmao|jk|joking|kidding|xd', onlyWith: 'THEY|HE_SHE|someone|man|lads|people|gang|group|they|he|she|neighbour|neighbours' },
  { name: 'threats to kill or hurt', category: 'violence', pattern: 'death|dead ~1 threats|threat|man', onlyWith: 'threats|threat|said|me|i' },
  { name: 'threats to kill or hurt', category: 'violence', pattern: 'threats|threat|threatening|threatened|threaten ~3 to ~1 kill|stab|shoot|shank|hurt|burn' },
  { name: 'threats to kill or hurt', category: 'violence', pattern: 'know|knows ~2 where ~2 live|i_live|you_live ~6 next_time|time|hurt|kill|come|find|window|get' },
  { name: 'threats to kill or hurt', category: 'violence', pattern: 'come|coming ~2 find ~1 me|you', onlyWith: 'hell|he|they|will|said|says|gonna|threat' },
  { name: 'wanting to hurt someone', category: 'violence', unlessWith: 'lol|haha|lmao|jk|joking|kidding|xd', pattern: 'i|im|am|gonna|going|will|want|wanna ~4 kill|murder|hurt|stab|shank|batter|attack|beat|smash|merk|murder|strangle|punch ~3 him|her|them|someone|somebody|people|person|everyone|INTIMATE|FAMILY|EMPLOYER|neighbour|neighbours|landlord', unlessFollowedBy: 'lol|haha|lmao|xd|if|with|for_using|for_eating', unlessPrecededBy: 'could', onlyWith: 'mean|swear|hospital|when|next|knife|carrying|protection|responsible|see|blood|hurt|stab|batter|kill|murder|i' },
  { name: 'wanting to hurt someone', category: 'violence', pattern: 'not|wont ~2 responsible ~3 for ~2 what|do' },

  { name: 'things thrown at them', category: 'domestic_abuse', pattern: 'threw|throws|throwing|thrown|chucked ~4 at ~1 me|her|him|us', onlyWith: 'HE_SHE|INTIMATE|FAMILY' },
  { name: 'better off without me', category: 'suicide', pattern: 'better_off|happier|easier ~6 than_with_me|without_me|if_i_was_gone|if_im_gone|if_i_wasnt_here|without_her|without_him', onlyWith: 'me|i|world|everyone|kids|family|all|payout|insurance' },
  // Added over the tuning set: object-after attacks, children left alone, a night out of doors, self-harm named.
  { name: 'someone attacked', category: 'violence', pattern: 'assaulted|attacked|stabbed|battered|glassed|knifed|mugged|strangled|choked|punched ~1 me|her|him|them|us|my', unlessPrecededBy: 'film|movie|show|game|book' },
  { name: 'a child left alone', category: 'child_at_risk', pattern: 'left|leave|leaves|leaving ~5 on_her_own|on_his_own|on_their_own|alone|by_themselves|by_herself|by_himself|home_alone', onlyWith: 'CHILD|year_old|years_old|yr_old|month_old|months_old|baby' },
  { name: 'a night out of doors', category: 'homeless_tonight', pattern: 'on|in|under ~2 bench|park|doorway|tent|underpass|stairwell|streets ~8 night|nights|tonight|sleep|sleeping|freezing|cold' },
  { name: 'living in a car', category: 'homeless_tonight', unlessWith: 'festival|camping|glastonbury|holiday|trip|road_trip|cant_wait|fishing|campsite', pattern: 'living|been_living|sleeping|slept ~3 in ~2 car|van|tent', unlessFollowedBy: 'park_and_ride' },
  { name: 'self-harm named', category: 'self_harm', pattern: 'SELFHARM' },
];
