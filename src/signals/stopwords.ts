/**
 * French and English function words, plus the calendar words that recur every week or year
 * (weekdays, months): they carry no topic and would otherwise look "new" every January.
 * Written unaccented and lower-case, since tokens are normalised before the lookup.
 */
const english = `a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing done down during each either else even ever every
few for from further get got had has have having he her here hers herself him himself his how however i if in
into is it its itself just let like may me might more most much must my myself neither no nor not now of off
often on once only onto or other others our ours ourselves out over own per quite rather same shall she should
since so some such than that the their theirs them themselves then there these they this those though through
thus to too toward towards under until up upon us very via was we well were what when where whether which while
who whom whose why will with within without would yet you your yours yourself yourselves us one two three new
use used using based make makes made way ways many get gets via etc e.g i.e vs within yes`;

const french = `a afin ai aie aient ainsi alors apres as au aucun aucune aupres auquel aussi autre autres aux
auxquelles auxquels avaient avais avait avant avec avez aviez avions avoir avons ayant c ca car ce ceci cela
celle celles celui cependant certains ces cet cette ceux chaque chez ci comme comment d dans de deja depuis des
desquelles desquels dessous dessus deux donc dont du duquel durant elle elles en encore entre es est et etaient
etais etait etant ete etre eu eux fait faire fois font hormis hors il ils j je jusqu jusque l la laquelle le
lequel les lesquelles lesquels leur leurs lors lorsque lui m ma mais me meme memes mes moi moins mon n ne ni non
nos notre nous on ont ou par parce parmi pas pendant peu peut plus plutot pour pourquoi quand que quel quelle
quelles quels qui quoi s sa sans se selon ses si sien soi soit son sont sous suis sur t ta tandis tant te tes
toi ton tous tout toute toutes tres tu un une vers voici voila vos votre vous y`;

const calendar = `monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
january february march april june july august september october november december jan feb mar apr jun jul aug
sep sept oct nov dec lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
juillet aout septembre octobre novembre decembre today yesterday tomorrow week weekly month monthly year yearly
daily aujourd hui hier demain semaine mois annee an`;

// Bits of addresses and markup that show up in titles and text without meaning anything.
const web = `http https www com org net html htm php amp nbsp quot`;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  [english, french, calendar, web].join(' ').split(/\s+/).filter(Boolean),
);
