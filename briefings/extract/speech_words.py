"""Word lists for finding who said a quote (read by quotes.py; data only).

Every list holds words as they are written in running text, lower case
unless said otherwise. Add a word here rather than in a pattern.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that introduce or attribute speech, in the forms news writing uses.
# A participle ("saying", "adding") never has its subject next to it, so it
# only ever leads the search back to the verb that does.
SPEECH_VERBS = _words("""
say says said saying tell tells told telling add adds added adding state states stated stating
explain explains explained explaining note notes noted noting write writes wrote writing argue argues
argued arguing ask asks asked asking announce announces announced announcing declare declares declared
declaring insist insists insisted insisting warn warns warned warning continue continues continued
comment comments commented reply replies replied replying remark remarks remarked claim claims claimed
claiming acknowledge acknowledges acknowledged concede concedes conceded recall recalls recalled
recalling predict predicts predicted promise promises promised urge urges urged urging caution
cautions cautioned stress stresses stressed emphasise emphasises emphasised emphasize emphasizes
emphasized observe observes observed quip quips quipped joke jokes joked conclude concludes concluded
admit admits admitted agree agrees agreed confirm confirms confirmed report reports reported tweet
tweets tweeted tweeting post posts posted posting implore implores implored imploring suggest suggests
suggested suggesting boast boasts boasted complain complains complained vow vows vowed pledge pledges
pledged respond responds responded answer answers answered counter counters countered shout shouts
shouted yell yells yelled scream screamed whisper whispered mutter muttered exclaim exclaimed proclaim
proclaims proclaimed assert asserts asserted maintain maintains maintained contend contends contended
allege alleges alleged testify testifies testified muse mused sing sings sang chant chants chanted
plead pleads pleaded lament laments lamented recount recounts recounted reiterate reiterates reiterated
repeat repeats repeated explain retort retorts retorted scoff scoffed snap snapped demand demands
demanded charge charges charged concur concurred interject interjected thinking thought
recalls reflect reflects reflected wonder wonders wondered pointed read reads echo echoes echoed
describe describes described call calls called label labels labeled labelled brand brands branded
dub dubs dubbed term terms termed accuse accuses accused praise praises praised condemn condemns
condemned denounce denounces denounced blast blasts blasted slam slams slammed criticize criticizes
criticized criticise criticises criticised laud lauds lauded hail hails hailed dismiss dismisses
dismissed mock mocks mocked decry decries decried deride derides derided characterize characterizes
characterized exhort exhorts exhorted quote quotes quoted
""")

# Abbreviated honorifics, written with or without their period ("Sen." / "Sen").
HONORIFICS = _words("""
Mr Mrs Ms Miss Mx Dr Prof Sen Sens Rep Reps Gov Lt Gen Col Maj Capt Sgt Cpl Adm Cmdr Rev Revs Del
Atty Amb Hon Pres Supt Insp Fr Msgr Sr Sra Mme Mlle Det Ofc Pvt
""")
FEMALE_HONORIFICS = _words("Mrs Ms Miss Sra Mme Mlle")
MALE_HONORIFICS = _words("Mr")
# A name's last word may be one of these ("Martin Luther King Jr.", "Vann Newkirk II").
NAME_SUFFIXES = _words("Jr Sr II III IV")
# Abbreviations inside a name whose period ends no sentence ("Apple Inc. CEO Steve Jobs").
NAME_ABBREVIATIONS = _words("Inc Corp Co Ltd Bros St Mt Ft")
# Lower-case words between two capitalised words of one name ("Bill de Blasio").
NAME_PARTICLES = _words("de da del della der den di du van von la le al el bin ibn dos das")

# Capitalised titles written before a name: "House Speaker Paul Ryan" -> "Paul Ryan".
TITLES = _words("""
President Vice Senator Representative Congressman Congresswoman Governor Lieutenant Mayor Secretary
Chairman Chairwoman Chair Chairperson Speaker Leader Whip Judge Justice Chief Director Professor
Minister Premier Chancellor Ambassador General Admiral Colonel Major Captain Sergeant Commissioner
Sheriff Attorney Deputy Former Acting Assistant Reverend Pastor Bishop Cardinal Pope Rabbi Imam Sheikh
King Queen Prince Princess Sir Dame Lord Lady Doctor Coach Officer Detective Trooper Councilman
Councilwoman Councillor Councilor Alderman Delegate Commander Superintendent Inspector Spokesman
Spokeswoman Spokesperson Host Anchor Correspondent Editor Founder Executive Officer Treasurer Comptroller
Auditor Clerk Marshal Magistrate Prosecutor Counsel Nominee Candidate Chaplain Father Sister Brother CEO CFO COO
""")

# Nouns that make "the company", "the union" a speaker: the latest organisation named before.
ORGANISATION_NOUNS = _words("""
company firm group union campaign committee agency ministry department government administration office
party court council bank army military organisation organization association federation institute
university coalition network board commission authority authorities police team club
""")
# Nouns of a speaker who is a person without a name ("a spokesman for Acme" names Acme).
ROLE_NOUNS = _words("""
spokesman spokeswoman spokesperson official officials aide aides adviser advisers advisor source sources
lawyer lawyers attorney representative representatives statement report release letter
""")

# Capitalised words that open a sentence or a clause but are no part of a name.
NOT_NAMES = _words("""
The A An But And Or Nor So Yet In On At As For From By With To Of When While After Before If Then
Also Still Now Meanwhile However Instead Speaking Asked Later Earlier Last This That These Those Both
Even Only Like Including Said Says Told Added Asked Wrote Meanwhile Afterward Afterwards Yes No
Indeed Overall Today Tonight Yesterday Tomorrow Though Although Because Since Until Unlike Despite
During Following According Writing Responding Asked Pressed Still Here There Once Twitter Facebook
""")

# Given names that tell a person's sex, for "he" and "she" (first names only).
FEMALE_NAMES = _words("""
Abigail Ada Adriana Alexandra Alice Alicia Alison Allison Amanda Amber Amy Ana Andrea Angela Angelina
Anita Ann Anna Anne Annie Ashley Audrey Ava Barbara Beatrice Becky Betty Beth Beverly Bonnie Brenda
Bridget Brittany Camila Carla Carly Carmen Carol Caroline Carolyn Catherine Cathy Charlotte Chelsea
Cheryl Christina Christine Cindy Claire Clara Claudia Colleen Condoleezza Courtney Cynthia Dana Daniela
Danielle Debbie Deborah Debra Denise Diana Diane Donna Doris Dorothy Elaine Eleanor Elena Elizabeth Ella
Ellen Emily Emma Erin Eva Evelyn Fiona Frances Gabriela Gail Gillian Gina Gloria Grace Gwen Hannah
Harriet Heather Heidi Helen Hillary Holly Ingrid Irene Isabel Isabella Jackie Jacqueline Jane Janet
Janice Jasmine Jean Jeanne Jennifer Jenny Jessica Jill Joan Joanna Joanne Jocelyn Josephine Joyce
Judith Judy Julia Julie June Karen Kate Katherine Kathleen Kathryn Kathy Katie Kay Kayla Kelly Kelly
Kimberly Kirsten Kristen Laura Lauren Leslie Lillian Linda Lisa Liz Lois Loretta Lori Louise Lucy Lynn
Madeleine Madeline Maria Marie Marilyn Marsha Martha Mary Maureen Maxine Megan Melania Melanie Melissa
Meredith Michele Michelle Mildred Miriam Molly Monica Nancy Natalie Nicole Nikki Nina Nora Olivia Pamela
Patricia Patty Paula Pauline Peggy Penny Rachel Rebecca Regina Rita Roberta Robin Rosa Rose Ruth
Sabrina Sally Samantha Sandra Sara Sarah Sharon Sheila Shirley Sofia Sonia Sophia Sophie Stacey Stacy
Stephanie Sue Susan Suzanne Sylvia Tammy Tanya Teresa Theresa Tiffany Tina Tracy Ursula Valerie
Vanessa Vera Veronica Victoria Virginia Wanda Wendy Yvonne Zoe
""")
MALE_NAMES = _words("""
Aaron Abraham Adam Adrian Al Alan Albert Alex Alexander Alfred Ali Andrew Andy Angus Anthony Antonio
Arnold Arthur Barack Ben Benjamin Bernard Bernie Bill Billy Bob Bobby Boris Brad Bradley Brandon Brian
Bruce Bryan Carl Carlos Charles Charlie Chris Christopher Chuck Clarence Colin Craig Dale Dan Daniel
Danny Darren Dave David Dean Dennis Derek Dick Don Donald Doug Douglas Duncan Dylan Earl Ed Eddie
Edward Elijah Elliot Emmanuel Eric Erik Ernest Eugene Evan Frank Franklin Fred Frederick Gary Gavin
Gene George Gerald Glenn Gordon Graham Greg Gregory Harold Harry Henry Herbert Howard Hugh Hugo Ian
Isaac Ivan Jack Jacob Jake James Jamie Jared Jason Jeb Jeff Jeffrey Jeremy Jerome Jerry Jesse Jim
Jimmy Joe Joel John Johnny Jon Jonathan Jordan Jorge Jose Joseph Josh Joshua Juan Julian Justin Karl
Keith Ken Kenneth Kevin Kyle Lamar Larry Lawrence Lee Leon Leonard Lewis Louis Lucas Luis Luke Malcolm
Marco Marcus Mario Mark Martin Matt Matthew Max Michael Mike Mitch Mitt Mohamed Mohammed Muhammad
Nathan Neil Newt Nicholas Nick Nigel Noah Norman Oliver Omar Oscar Owen Pablo Patrick Paul Pedro
Peter Phil Philip Pierre Ralph Randy Ray Raymond Reince Richard Rick Rob Robert Rod Roger Ron Ronald
Rudy Russell Ryan Sam Samuel Scott Sean Sergei Sergey Seth Simon Stephen Steve Steven Stuart Ted
Terry Theodore Thomas Tim Timothy Todd Tom Tommy Tony Travis Trevor Troy Tyler Victor Vincent Vladimir
Walter Warren Wayne Wesley Will William Xi Zachary
""")
