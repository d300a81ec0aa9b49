/**
 * The risk vocabulary: concepts (upper case) and the words that carry them. Rules (concept-rules.ts) are written over
 * concepts, so a new word for an existing idea is one line here. Words are listed in their common forms; other
 * inflections are found through their stem and misspellings by edit distance (token-reading.ts).
 */
export const VOCABULARY = {
  // Who
  I: ['i'],
  ME: ['me'],
  MY: ['my'],
  MYSELF: ['myself'],
  YOURSELF: ['yourself'],
  THEMSELF: ['himself', 'herself', 'themselves', 'themself'],
  HE_SHE: ['he', 'she', 'him', 'her', 'his'],
  THEY: ['they', 'them', 'someone', 'somebody', 'man', 'men', 'guy', 'guys', 'lads', 'people', 'gang', 'bloke'],
  INTIMATE: [
    'partner', 'husband', 'wife', 'boyfriend', 'girlfriend', 'ex', 'fiance', 'fiancee', 'spouse', 'exhusband',
    'exwife', 'exboyfriend', 'exgirlfriend',
  ],
  FAMILY: [
    'dad', 'father', 'stepdad', 'stepfather', 'mum', 'mother', 'stepmum', 'stepmother', 'brother', 'sister', 'uncle',
    'aunt', 'auntie', 'cousin', 'grandad', 'granddad', 'nan', 'nana', 'grandma', 'grandpa', 'family', 'parents',
    'carer', 'stepbrother', 'stepsister', 'inlaws', 'son', 'daughter', 'mums', 'dads', 'mams', 'nans', 'brothers', 'sisters', 'uncles',
  ],
  EMPLOYER: [
    'boss', 'manager', 'employer', 'gaffer', 'supervisor', 'gangmaster', 'agency', 'owner', 'foreman', 'landlord',
    'company', 'recruiter', 'agent', 'bosses', 'managers',
  ],
  CHILD: [
    'child', 'children', 'kid', 'kids', 'son', 'daughter', 'baby', 'toddler', 'stepson', 'stepdaughter', 'niece',
    'nephew', 'grandson', 'granddaughter', 'boy', 'girl', 'youngest', 'eldest', 'teenager', 'babies',
    'sons', 'daughters', 'boys', 'girls', 'bairns', 'bairn', 'weans', 'wean', 'little_ones', 'lassie', 'bro', 'eldest', 'youngest',
  ],
  // Ending life
  KILL: ['kill', 'kills', 'killing', 'killed', 'murder'],
  SUICIDE: ['suicide', 'suicidal', 'suicides'],
  DIE: ['die', 'dying', 'dead', 'death', 'died'],
  LIVE: ['live', 'living', 'alive', 'exist', 'existing', 'here', 'around', 'wake', 'breathe', 'breathing', 'carry', 'go'],
  WANT: [
    'want', 'wants', 'wanted', 'wanting', 'wish', 'wishing', 'going', 'plan', 'planning', 'planned', 'ready', 'decided',
    'thinking', 'thought', 'tempted', 'urge', 'urges', 'considering', 'will', 'would', 'gonna', 'could', 'might',
    'should', 'about', 'like', 'feel', 'need', 'deserve', 'try', 'tried', 'trying',
  ],
  NOT: ['not', 'no', 'never', 'nothing', 'nobody'],
  MEANS_PILLS: [
    'pills', 'tablets', 'medication', 'medicine', 'paracetamol', 'painkillers', 'antidepressants', 'sertraline',
    'codeine', 'tramadol', 'insulin', 'prescription', 'pill', 'tablet', 'overdose', 'sleepers', 'morphine', 'oramorph',
    'methadone', 'diazepam', 'amitriptyline', 'pregabalin', 'gabapentin', 'zopiclone', 'cocodamol', 'propranolol',
    'lithium', 'quetiapine', 'mirtazapine', 'fluoxetine', 'citalopram',
  ],
  MEANS_LETHAL: [
    'rope', 'noose', 'ligature', 'bridge', 'train', 'trains', 'tracks', 'railway', 'line', 'cliff', 'roof', 'ledge',
    'motorway', 'exhaust', 'bleach', 'poison', 'razor', 'razors', 'blade', 'blades', 'carpark', 'river', 'sea',
    'water', 'building', 'tower', 'balcony', 'belt', 'gas', 'fumes', 'charcoal', 'edge', 'platform', 'multistorey',
  ],
  HOARD: [
    'saving', 'saved', 'save', 'stockpiling', 'stockpiled', 'stockpile', 'collecting', 'collected', 'hoarding',
    'hoarded', 'stash', 'stashed', 'hidden', 'hid', 'hiding', 'enough', 'bought', 'ordered', 'researched', 'googled',
    'kept', 'keeping', 'stored', 'storing', 'counted', 'counting', 'gathered', 'gathering', 'built', 'lined',
  ],
  FINALITY: [
    'goodbye', 'goodbyes', 'farewell', 'bye', 'forever', 'last', 'final', 'note', 'notes', 'letter', 'letters',
    'funeral', 'will', 'gone',
  ],
  BURDEN: ['burden', 'burdens', 'waste', 'useless', 'problem', 'mistake'],
  // Self-injury
  SELF_INJURY: [
    'carved', 'stub', 'stubbed', 'dig', 'digging', 'scrub', 'scrubbing', 'scratched', 'burned', 'banged', 'cutt',
    'cut', 'cuts', 'cutting', 'burn', 'burns', 'burning', 'burnt', 'burned', 'scratch', 'scratching', 'hurt',
    'hurting', 'harm', 'harming', 'harmed', 'punish', 'punishing', 'starve', 'starving', 'bite', 'biting', 'hit',
    'hitting', 'punch', 'punching', 'bang', 'banging', 'slice', 'slicing', 'carve', 'carving', 'slit', 'slash',
    'slashing', 'pick', 'picking', 'stab', 'stabbing',
  ],
  SCARS: ['scars', 'scar', 'wounds', 'wound', 'marks', 'cuts', 'bleeding', 'blood', 'wrists', 'wrist', 'thighs', 'arms'],
  // Violence
  VIOLENCE: [
    'hit', 'hits', 'hitting', 'beat', 'beats', 'beating', 'beaten', 'punch', 'punches', 'punched', 'punching', 'kick',
    'kicks', 'kicked', 'kicking', 'slap', 'slaps', 'slapped', 'slapping', 'choke', 'chokes', 'choked', 'choking',
    'strangle', 'strangles', 'strangled', 'strangling', 'strangulated', 'strangulation', 'throttle', 'throttled',
    'smother', 'smothered', 'push', 'pushes', 'pushed', 'shove', 'shoves', 'shoved', 'throw', 'throws', 'threw', 'thrown', 'grab', 'grabs',
    'grabbed', 'drag', 'dragged', 'pin', 'pinned', 'bite', 'bit', 'headbutt', 'headbutted', 'attack', 'attacked',
    'attacks', 'assault', 'assaulted', 'batter', 'battered', 'hurt', 'hurts', 'hurting', 'smack', 'smacks',
    'smacked', 'thump', 'thumped', 'stamp', 'stamped', 'burn', 'burned', 'burnt', 'stab', 'stabbed', 'stabbing',
    'shot', 'shoot', 'abuse', 'abuses', 'abused', 'abusing', 'bruise', 'bruised', 'bruises', 'injured', 'beats',
    'knocked', 'floored', 'jumped', 'glassed', 'mugged', 'spat', 'whack', 'whacked', 'belt', 'belted', 'kill',
    'murder', 'harm', 'harmed',
  ],
  SELFHARM: ['selfharm', 'selfharming', 'selfharmed', 'selfharmer'],
  /** Violence that is never gentle, for the co-occurrence rules. */
  VIOLENCE_STRONG: [
    'hit', 'hits', 'hitting', 'beat', 'beats', 'beating', 'beaten', 'punch', 'punches', 'punched', 'punching', 'kick',
    'kicks', 'kicked', 'kicking', 'slap', 'slaps', 'slapped', 'choke', 'chokes', 'choked', 'choking', 'strangle',
    'strangles', 'strangled', 'strangling', 'strangulated', 'strangulation', 'throttle', 'throttled', 'smother',
    'smothered', 'batter', 'battered',
    'battering', 'abuse', 'abuses', 'abused', 'abusing', 'assault', 'assaulted', 'attack', 'attacked', 'headbutt',
    'headbutted', 'stab', 'stabbed', 'stabbing', 'thump', 'thumped', 'smack', 'smacked', 'strangl', 'beated',
    'nharo', 'nghuro', 'mwrw', 'nghicio', 'nyrnu', 'nhagu', 'mygu', 'taro', 'curo', 'tagu', 'dyrnu', 'cicio', 'hurts', 'hurt', 'hurting',
  ],
  BLADE: ['blade', 'blades', 'razor', 'razors', 'sharps', 'sharpener', 'compass', 'scissors'],
  /** The marks of self-injury and its aftermath. */
  INJURY_SIGN: [
    'bleed', 'bleeding', 'bled', 'blood', 'bloody', 'stitches', 'steristrips', 'plasters', 'bandages', 'raw', 'blisters',
    'scars', 'scar', 'deep', 'wounds',
  ],
  /** Injuries that someone else leaves. */
  INJURY: [
    'bruises', 'bruise', 'bruised', 'bruising', 'marks', 'fractured', 'concussion', 'swollen', 'black_eye',
    'split_lip', 'burst_lip', 'burst_my', 'broke_my', 'broken_nose', 'broken_wrist', 'broken_arm', 'broken_ribs',
  ],
  /** A number read as a child's age from the words round it ("my 14 year old", "she's 15"): set by token-reading.ts. */
  MINOR: [],
  /** A number read as an adult's age the same way ("he's 27", "a 30 yr old"). */
  GROWN: [],
  CHILD_AGE: ['1', '3', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17'],
  ADULT_AGE: [
    '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37',
    '38', '39', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49', '50', '55', '60', '65', '70', '20s', '30s', '40s',
  ],
  WEAPON: ['knife', 'knives', 'gun', 'guns', 'machete', 'blade', 'blades', 'weapon', 'weapons', 'hammer', 'axe', 'bat', 'acid', 'stab', 'stabbed', 'shotgun', 'nife', 'sharp', 'something_sharp'],
  THREAT: ['threaten', 'threatens', 'threatened', 'threatening', 'threat', 'threats', 'warned', 'promised', 'said', 'says', 'told', 'swore', 'sworn'],
  FEAR: ['scared', 'afraid', 'frightened', 'terrified', 'petrified', 'fear', 'feared', 'fearful', 'panicking', 'trembling', 'shaking'],
  HOME: ['home', 'house', 'flat', 'room', 'place'],
  // Control and coercion
  CONTROL_VERB: [
    'takes', 'took', 'take', 'taken', 'taking', 'keeps', 'kept', 'keep', 'keeping', 'has', 'have', 'had', 'holds',
    'holding', 'held', 'controls', 'control', 'controlled', 'controlling', 'checks', 'checking', 'checked', 'tracks',
    'tracking', 'tracked', 'reads', 'monitors', 'monitoring', 'smashed', 'broke', 'hides', 'hid', 'confiscated',
    'stole', 'steals', 'withholds', 'withheld', 'locked', 'locks', 'got',
  ],
  MONEY: ['money', 'wages', 'wage', 'pay', 'salary', 'benefits', 'card', 'cards', 'bank', 'account', 'cash', 'earnings', 'payslip', 'pin', 'universal', 'credit'],
  PHONE: ['phone', 'mobile', 'messages', 'texts', 'location', 'sim'],
  DOCUMENTS: ['passport', 'passports', 'id', 'documents', 'papers', 'visa', 'brp', 'permit', 'identity', 'paperwork'],
  ALLOW: ['allowed', 'let', 'lets', 'letting', 'permission'],
  OUTSIDE: ['out', 'outside', 'leave', 'go', 'going', 'see', 'talk', 'speak', 'friends', 'anywhere'],
  DEBT: ['owe', 'owes', 'owed', 'owing', 'debt', 'debts', 'back', 'off', 'repay', 'repaid'],
  FORCE: ['force', 'forced', 'forces', 'forcing', 'make', 'makes', 'made', 'making', 'pressure', 'pressured', 'pressuring'],
  WORKPLACE: [
    'work', 'site', 'warehouse', 'farm', 'factory', 'carwash', 'wash', 'shop', 'restaurant', 'kitchen', 'van',
    'workplace', 'salon', 'bar', 'takeaway', 'caravan', 'container', 'greenhouse', 'yard', 'office',
  ],
  DRUGS: ['drugs', 'drug', 'gear', 'weed', 'coke', 'crack', 'heroin', 'packages', 'parcels', 'bags', 'stuff', 'food', 'county', 'lines', 'deal', 'dealing', 'dealer', 'dealers', 'trap', 'phone'],
  TRAFFICKING: ['trafficked', 'trafficking', 'trafficker', 'traffickers', 'slave', 'slavery', 'slaves', 'enslaved', 'bonded', 'cuckooing'],
  // Sexual violence
  RAPE: ['rape', 'raped', 'raping', 'rapist', 'rapes', 'molest', 'molested', 'molesting', 'groped', 'grope', 'groping', 'spiked', 'spiking', 'abuser'],
  SEX: ['sex', 'sexual', 'sexually', 'intimate', 'naked', 'nudes', 'nude', 'touch', 'touched', 'touches', 'touching', 'privates', 'private', 'undress', 'undressed', 'stuff', 'things', 'kiss', 'kissed', 'bed', 'pictures', 'pics', 'photos', 'videos', 'images', 'bedroom'],
  CONSENT_BROKEN: ['without', 'wouldnt', 'stop', 'no', 'didnt', 'unconscious', 'asleep', 'drunk', 'passed', 'against', 'refused', 'forced', 'made'],
  SHARE: ['share', 'sharing', 'send', 'sending', 'post', 'posting', 'leak', 'leaking', 'show', 'showing', 'upload', 'spread'],
  SECRET: ['secret', 'secrets'],
  // Nowhere to sleep
  NOWHERE: ['nowhere', 'homeless', 'streets', 'street', 'rough', 'outside', 'bench', 'doorway', 'tent', 'car', 'station', 'park', 'stairwell', 'underpass', 'shelter'],
  SLEEP: ['sleep', 'sleeping', 'slept', 'stay', 'staying', 'stayed', 'kip', 'kipping', 'crash', 'bed', 'night', 'nights', 'roof', 'live', 'living', 'go'],
  EVICTED: ['evicted', 'eviction', 'kicked', 'thrown', 'chucked', 'turfed', 'locked', 'booted', 'threw', 'kick', 'throw'],
  TONIGHT: ['tonight', 'today', 'now', 'night', 'nights', 'evening', 'tomorrow'],
} as const satisfies Record<string, readonly string[]>;

export type Concept = keyof typeof VOCABULARY;

/**
 * Everyday words whose stem is a risk word's ("training" → train, "exhausting" → exhaust), and everyday words that
 * sound like one ("blodau", Welsh for flowers, is not "blade"; a bag "snatching" is not "scratching"): read as
 * written, never through the stem, the sound or a misspelling.
 */
export const READ_AS_WRITTEN: ReadonlySet<string> = new Set([
  'training', 'trained', 'trainer', 'trainers', 'trainee', 'trainees', 'exhausted', 'exhausting', 'exhaustion',
  'blodau', 'blodyn', 'snatching', 'snatched', 'selfie', 'selfies',
]);

/** Words that read as risk on their own strength, and so may be found misspelt (edit distance) or inflected. */
export const TOLERANT_CONCEPTS: readonly Concept[] = [
  'SUICIDE', 'MEANS_PILLS', 'VIOLENCE', 'WEAPON', 'THREAT', 'RAPE', 'DOCUMENTS', 'TRAFFICKING', 'MYSELF', 'SCARS',
  'SELF_INJURY', 'INTIMATE', 'FAMILY', 'EMPLOYER', 'CHILD', 'EVICTED', 'FEAR', 'MEANS_LETHAL', 'HOARD', 'FINALITY',
  'BURDEN', 'NOWHERE', 'TONIGHT', 'MONEY', 'CONTROL_VERB', 'SEX', 'FORCE', 'BLADE', 'INJURY_SIGN', 'INJURY',
  'VIOLENCE_STRONG', 'DRUGS', 'DEBT', 'WORKPLACE', 'SELFHARM',
];
