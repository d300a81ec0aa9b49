import type { Concept } from './vocabulary.js';

/**
 * Welsh words for the same concepts, as texted: accents and apostrophes dropped by the normaliser ("dwi'n" → "dwin",
 * "ffôn" → "ffon"), with their mutations listed ("fy nharo", "ei gyffwrdd"), since a mutation is often more than the
 * edit distance allows. Wants a Welsh speaker's review, as the rest of the Welsh wording does.
 */
export const WELSH_VOCABULARY: Partial<Record<Concept, readonly string[]>> = {
  MYSELF: ['hun', 'hunan'],
  HE_SHE: ['o', 'e', 'fe', 'fo', 'hi', 'efo'],
  THEY: ['nhw', 'rhywun', 'rywun', 'dyn', 'ddyn', 'hogia', 'bois', 'pobl'],
  INTIMATE: ['gwr', 'ngwr', 'wr', 'gwraig', 'ngwraig', 'cariad', 'nghariad', 'gariad', 'mhartner', 'bartner'],
  FAMILY: ['tad', 'nhad', 'dad', 'llystad', 'lystad', 'mam', 'fam', 'llysfam', 'brawd', 'mrawd', 'frawd', 'chwaer', 'ewythr', 'yncl', 'modryb', 'nheulu', 'teulu'],
  EMPLOYER: ['bos', 'mos', 'rheolwr', 'perchennog'],
  CHILD: ['plant', 'mhlant', 'blant', 'plentyn', 'mhlentyn', 'mab', 'fab', 'merch', 'ferch', 'babi', 'hogyn', 'hogan', 'bachgen', 'nghrwt', 'crwt'],
  KILL: ['lladd', 'ladd', 'nlladd'],
  DIE: ['marw', 'farw'],
  NOT: ['ddim', 'dim', 'byth', 'na'],
  WANT: ['isio', 'eisiau', 'isie', 'moyn', 'mynd'],
  MEANS_PILLS: ['tabledi', 'dabledi', 'nhabledi', 'pils', 'moddion', 'foddion', 'meddyginiaeth', 'feddyginiaeth', 'paracetamol', 'baracetamol'],
  MEANS_LETHAL: ['bont', 'pont', 'adeilad', 'clogwyn', 'tren', 'dren', 'rhaff', 'afon'],
  HOARD: ['cadw', 'gadw', 'casglu', 'gasglu', 'digon', 'ddigon', 'cuddio', 'guddio'],
  SELF_INJURY: ['torri', 'dorri', 'brifo', 'frifo', 'llosgi', 'losgi', 'niweidio', 'anafu', 'crafu', 'grafu', 'taro', 'daro'],
  SCARS: ['creithiau', 'breichiau', 'mreichiau', 'braich', 'mraich', 'coesau', 'ngoesau', 'arddyrnau', 'ngwaed', 'gwaed'],
  VIOLENCE: [
    'taro', 'daro', 'nharo', 'curo', 'guro', 'nghuro', 'bwrw', 'mwrw', 'cicio', 'gicio', 'nghicio', 'dyrnu', 'nyrnu',
    'tagu', 'dagu', 'nhagu', 'mygu', 'gwthio', 'wthio', 'ngwthio', 'slapio', 'brifo', 'frifo', 'mrifo', 'lladd',
    'ladd', 'trywanu', 'drywanu', 'nhrywanu', 'ymosod', 'cham', 'ngham', 'taflu', 'daflu',
  ],
  WEAPON: ['cyllell', 'gyllell', 'chyllell', 'gwn', 'dryll', 'llafn', 'morthwyl'],
  THREAT: ['bygwth', 'fygwth', 'mygwth', 'bygythiad', 'deud', 'dweud', 'ddeud', 'ddweud', 'neith', 'wneith', 'bydd', 'fydd'],
  FEAR: ['ofn', 'ofnus', 'dychryn', 'nychryn'],
  HOME: ['adra', 'adref', 'adre', 'gartref', 'gartre', 'ty', 'nhy', 'fflat', 'cartref'],
  CONTROL_VERB: ['cymryd', 'gymryd', 'cadw', 'gadw', 'checkio', 'tsiecio', 'darllen', 'ddarllen', 'dwyn', 'ddwyn'],
  MONEY: ['arian', 'pres', 'mhres', 'cyflog', 'gyflog', 'nghyflog', 'cerdyn', 'ngherdyn', 'nhalu', 'talu', 'dalu'],
  PHONE: ['ffon', 'ffôn', 'negeseuon'],
  DOCUMENTS: ['pasbort', 'basbort', 'mhasbort', 'pasport', 'mhasport', 'basport', 'dogfennau', 'nogfennau', 'papurau', 'mhapurau', 'fisa'],
  DEBT: ['dyled', 'ddyled', 'nyled', 'dyledion'],
  FORCE: ['gorfod', 'orfod', 'gorfodi', 'gneud', 'gwneud'],
  WORKPLACE: ['gwaith', 'ffarm', 'fferm', 'siop', 'ffatri', 'warws'],
  DRUGS: ['cyffuriau', 'cyffuria', 'gyffuriau', 'gyffuria', 'stwff'],
  RAPE: ['treisio', 'nhreisio', 'threisio', 'dreisio', 'sbeicio', 'spicio'],
  SEX: ['noeth', 'lluniau', 'luniau', 'fideos', 'rhyw', 'cyffwrdd', 'gyffwrdd', 'nghyffwrdd'],
  SECRET: ['cyfrinach', 'gyfrinach'],
  NOWHERE: ['nunlle', 'nunman', 'unman', 'stryd', 'strydoedd', 'car', 'parc'],
  SLEEP: ['cysgu', 'gysgu', 'aros', 'gwely'],
  EVICTED: ['allan', 'taflu', 'nhaflu', 'nghicio', 'cicio'],
  TONIGHT: ['heno', 'heddiw', 'rwan', 'nawr', 'fory', 'yfory'],
};
