//! The word lists, as whitespace-separated strings (split once when the lexicon is built).

/// Base verbs that introduce speech, with their irregular forms listed explicitly.
pub(super) const CUE_VERBS: &str = "\
    accuse acknowledge add admit advise allege announce answer argue ask assert assure boast \
    brag call caution charge chide cite claim comment complain concede conclude confirm contend \
    continue counter declare decry demand deny describe disclose dismiss echo emphasize \
    emphasise estimate exclaim explain fume hint insist joke lament maintain mention muse note \
    observe pledge point_out post predict proclaim promise quip recall reckon recount reiterate \
    remark remind reply report respond retort reveal scoff shout snap state stress suggest \
    testify thank tout tweet underscore urge vow warn whisper wonder yell write say tell speak \
    remember disagree bark demur fire_back chime_in exclaim plead elaborate gush rave recite cry chant highlight criticize criticise \
    praise welcome concur question";

/// Cue verbs that introduce quotes but are too loose to introduce a claim.
pub(super) const QUOTE_ONLY: &str = "\
    call describe thank praise criticize criticise welcome question tout post echo dismiss cite \
    continue ask answer wonder joke quip shout yell whisper fume scoff snap muse lament comment \
    speak remind recount brag boast chide counter demand urge promise pledge vow highlight \
    underscore retort observe remark respond reply decry";

/// Nouns that can head an unnamed speaker ("the State Department spokesperson").
pub(super) const ROLE_NOUNS: &str = "\
    spokesperson spokesman spokeswoman spokespeople spokesmen official officials source sources \
    aide aides adviser advisers advisor advisors expert experts analyst analysts negotiator \
    negotiators envoy diplomat diplomats minister secretary president leader leaders lawmaker \
    lawmakers senator governor mayor ambassador statement report reports survey poll police \
    prosecutor prosecutors lawyer lawyers attorney attorneys witness witnesses campaign \
    administration strategist strategists pollster operative operatives supporter supporters \
    critic critics observer observers candidate chairman chairwoman director executive manager \
    staffer staffers insider insiders team committee ministry department agency government \
    tabloid newspaper paper website network magazine article letter memo study researchers \
    scientists economists voters voter residents resident democrats republicans organizers \
    activists spokesperson's commander chief representative representatives delegation host \
    anchor reporter reporters correspondent diplomat historian professor economist judge doctor \
    doctors officer officers authorities military book businessman businesswoman release \
    narrator ad woman man member members friend colleague ally allies worker workers student \
    people person father mother son daughter husband wife editorial employee employees host \
    kremlin press counterpart co-founder founder ceo nominee rival";

/// Lower-case words allowed before a role noun inside an unnamed speaker phrase.
pub(super) const ROLE_MODIFIERS: &str = "\
    senior former top chief special national security foreign policy press deputy longtime \
    longtime lead campaign white house state defense military government administration \
    republican democratic local regional federal u.s. affairs political economic senate party \
    presidential vice prime general assistant acting veteran head anonymous unnamed other \
    several two three many some interim intelligence health media communications public legal \
    senior-level high-ranking then-secretary then-president";

/// Capitalised words that are titles or role words, never part of a person's name.
pub(super) const TITLES: &str = "\
    President Vice Secretary Minister Foreign Prime Defense Defence State Sen. Senator Rep. \
    Representative Gov. Governor Mr. Mrs. Ms. Dr. Prof. Professor General Gen. Adviser Advisor \
    National Security Special Envoy Spokesperson Spokesman Spokeswoman Chancellor King Queen \
    Prince Princess Crown Sheikh Pope Judge Justice Mayor Ambassador Chairman Chairwoman Chair \
    CEO Director Speaker Leader Majority Minority Commissioner Attorney Former Lt. Col. Sgt. \
    Capt. Pastor Rev. Sir Lord Lady Dame Democratic Republican GOP House Senate Press U.S. US UN \
    EU NATO Kremlin White Deputy Chief Premier Emir Sultan Cardinal Archbishop Bishop Father \
    Rabbi Imam Officer Commander Admiral Colonel Captain Sergeant Lieutenant Congressman \
    Congresswoman Councilman Councilwoman Assemblyman Sens. Reps. Then-President Candidate \
    Nominee Host Anchor Coach Detective Inspector Superintendent Treasury Health Interior Energy \
    Affairs Intelligence Homeland Agriculture Commerce Labor Education Transportation Director- \
    General Secretary-General Spokesperson Negotiator Russian Ukrainian American French British \
    German Chinese Saudi Israeli Iranian Syrian Turkish Italian Canadian Mexican Japanese Indian \
    Polish Spanish Dutch Swedish European Palestinian Egyptian Iraqi Afghan Pakistani Korean \
    Australian Brazilian Hungarian Belarusian Estonian Finnish Danish Norwegian Greek Irish \
    Scottish Welsh Democrat Independent Libertarian Campaign Manager Chairperson";

/// Capitalised words that end an organisation name.
pub(super) const ORG_HEADS: &str = "\
    Department Ministry Office Post Times Journal News Kremlin Committee Campaign Party Council \
    Agency Administration Commission Foundation Institute University Watch Association Bureau \
    Service Network Group Court Fund Bank Union Inc. Corp. Reuters AP CNN NBC ABC CBS MSNBC \
    Pentagon Senate House Congress Government Police Center Centre Organization Organisation \
    Company Tribune Herald Press Magazine Review Daily Guardian Telegraph Politico Breitbart \
    Axios Bloomberg Forces Army Navy Staff Command Board Authority PAC Coalition Alliance \
    Federation Republic Kingdom States Nations Hamas Hezbollah Taliban Media Institution Project \
    Initiative Monitor Observatory Report Economist Fed Reserve Treasury Ministries";

/// Person-name particles, allowed inside a capitalised name run.
pub(super) const PARTICLES: &str = "\
    de van von bin bint al da del der della la le di du ibn abu ben dos das ter den st.";

/// Common male forenames (lower case).
pub(super) const MALE: &str = "\
    marco donald sergey sergei vladimir volodymyr yuri yury mike michael steve steven stephen \
    emmanuel keir kirill dmitry dmitri joe joseph antony anthony jamil mohammed muhammad \
    mohammad faisal mosaad musaed jon john james robert william david richard thomas charles \
    christopher daniel matthew mark paul andrew george kenneth edward brian ronald kevin jason \
    jeff jeffrey ryan jacob gary nicholas eric jonathan larry justin scott brandon benjamin \
    samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron henry adam \
    douglas nathan peter zachary kyle walter harold jeremy ethan carl keith roger gerald \
    christian terry sean arthur austin noah lawrence jesse joe bryan billy bruce gabriel logan \
    alan juan wayne roy ralph randy eugene vincent russell louis bobby philip johnny bill barack \
    bernie ted marco chris jeb rand ben newt mitt reince rudy corey kellyanne tim mike rick \
    lindsey jim tom bob dick pat harry nancy chuck mitch rex xi recep benjamin bibi olaf \
    friedrich viktor andrzej boris rishi justin narendra abdel ali ahmed hassan hussein omar \
    khalid igor alexei alexey nikolai ivan oleksandr andriy dmytro petro rustem denys jens mark \
    lloyd pete jd j.d. hakeem elon jared stephen sean karl reid jake chuck al howard martin luis \
    carlos jose jorge pedro miguel francisco antonio giorgio franz hans klaus jean pierre \
    jacques francois nicolas yves";

/// Common female forenames (lower case).
pub(super) const FEMALE: &str = "\
    tammy hillary nancy elizabeth mary patricia jennifer linda barbara susan jessica sarah karen \
    lisa betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa \
    deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda \
    pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine \
    maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan \
    evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison \
    frances kathryn janice jean abigail alice julia judy sophia grace denise amber doris marilyn \
    danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori \
    kamala ursula angela theresa giorgia marine kaja annalena sylvie baraa illia jill melania \
    ivanka chelsea huma donna debbie elise nikki sarah kellyanne hope katy condoleezza madeleine \
    samantha susan maxine nancy tulsi carly michele marsha lisa dianne kirsten amy claire heidi \
    jeanne mazie tammy maggie liz jen kate katie sally yulia maria olena iryna natalia svetlana \
    marianne sanna mette jacinda tsai kristi sheryl oprah beyonce meghan anne elena valentina";

/// Lower-case words that may sit between a subject and its cue ("Rubio also said").
pub(super) const ADVERBIALS: &str = "\
    has have had was is were are would will also later then previously repeatedly again further \
    once reportedly publicly privately recently earlier already often never simply just still \
    had did does do not first last quickly flatly bluntly has even may might could should can \
    subsequently separately";

/// Weekdays and time words skipped between a subject and a cue ("Macron on Tuesday said").
pub(super) const TIME_WORDS: &str = "\
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday today yesterday tonight Today \
    January February March April May June July August September October November December";

/// Capitalised function words that start sentences and never belong to a name.
pub(super) const FUNCTION_CAPS: &str = "\
    But And Or So Yet In On At After Before When While As If Then Meanwhile However Also This \
    That These Those Still Now Later Earlier Here There Asked Speaking Last Next During Since \
    Because Although Though Despite With Without For From By Of To Under Over Instead Even Only \
    Just Why What Who How Where Both Each Every Some Many Most Other Such Another Once \
    Ultimately Finally Indeed Previously Separately Similarly Additionally Moreover Nevertheless \
    Regardless The A An His Her Their Its Our My Your He She They We It I Addressing Writing \
    According Like Unlike Among Amid Until Whether Not No Yes Please Thank Thanks Well Oh Today \
    Tonight Yesterday Tomorrow Mr Read See Follow Watch Click Sign Photo Video Update Related \
    RELATED STORY Editor's Note More Most Several Few All Any None Neither Either Let Let's Do \
    Does Did Is Are Was Were Will Would Can Could Should May Might Must";

/// Single-word places that act as speakers ("Russia said"): organisations, not people.
pub(super) const PLACES: &str = "\
    Russia Ukraine Moscow Washington Kyiv Kiev China Beijing Iran Tehran Israel America Europe \
    Britain France Paris Germany Berlin London Brussels Japan Tokyo India Turkey Ankara Syria \
    Damascus Iraq Baghdad Egypt Cairo Canada Ottawa Mexico Poland Warsaw Italy Rome Spain Madrid \
    Qatar Doha Riyadh Pakistan Afghanistan Taiwan Taipei Korea Seoul Pyongyang Hungary Budapest \
    Gaza NATO Pentagon Kremlin Congress Hollywood Wall Ohio Florida Texas California Iowa \
    Virginia Michigan Pennsylvania Wisconsin Arizona Nevada Georgia Carolina York Chicago Boston";

/// Verbs of belief, finding and showing: they introduce claims (`the poll shows that …`,
/// `he believes the …`) but never attribute a quotation.
pub(super) const CLAIM_ONLY: &str = "\
    thinks hope fear fears feared show shows showed shown find found reveal reveals revealed \
    indicate indicates indicated agree agrees agreed know knows knew expect expects worry \
    worries worried";
