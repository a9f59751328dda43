"""Sentence templates in the register of translated Xinhua / China News Service
copy. Fields: {name} is filled from the story, {K:key} is a placeholder the
fault injector may render differently (see tokens.fill)."""

# Complements of "said that ...", "pointed out that ...".
CLAUSES = [
    "the {R:development} of {L:city} has entered a new stage",
    "efforts should be made to consolidate and expand the {T:gains} and link them "
    "effectively with {T:revival}",
    "Tibet should build the {T:barrier} and protect the ecology of the Qinghai-Tibet Plateau",
    "the region will integrate into the {T:pattern} and fully implement the {T:concept}",
    "{T:support} has brought tangible benefits to people of all ethnic groups",
    "central enterprises should give full play to their advantages in talents and technology",
    "{T:industry} such as highland barley, yak breeding and tourism should be developed {H}",
    "more {R:investment} should go to {R:infrastructure} such as power, transport and "
    "communications",
    "the construction of {T:villages} should be accelerated",
    "{T:relocate} has enabled {thousands} people to move out of areas with harsh conditions",
    "{T:medical} has greatly improved the medical services available to local residents",
    "the region will promote the {R:construction} of landmark projects {H}",
    "enterprises from {prov} are welcome to invest and start businesses in Tibet to achieve "
    "mutual benefit",
    "the {T:sasac} of the State Council will continue to support Tibet",
    "exchanges and integration among all ethnic groups should be strengthened",
    "it is necessary to do a good job in the development of border areas {H}",
    "the people's sense of gain, happiness and security should be continuously enhanced",
    "Tibet's economic and social development has made historic achievements",
    "the {R:State-owned} enterprises of {prov} have signed {n} {R:cooperation} agreements "
    "with local partners",
    "the {R:comprehensive} strength of {L:city} has improved markedly",
    "{R:assistance} to Tibet is a major political responsibility",
    "the results of {T:relocate} should be consolidated so that relocated residents can "
    "move in, stay and prosper",
    "{T:support} should focus on employment, education and health care",
    "local governments will create a sound business environment for {R:enterprises} from "
    "other provinces",
]

# Things an official or a resident says in direct speech.
QUOTES = [
    "We will make full use of our advantages and do a solid job in {T:support}",
    "The {R:projects} we brought here have changed the lives of local herders",
    "Our team will stay rooted in the plateau and serve the people {H}",
    "Here on the plateau, every drop of sweat is worth it",
    "We have built {n} schools and {n} clinics in {L:city} over the past three years",
    "I hope more young people will come to Tibet and contribute to its development",
    "Thanks to {T:relocate}, my family now lives in a new house with running water",
    "Our village's income from tourism has doubled since the road was paved",
    "We will never forget the help of the aid cadres from {prov}",
    "With {T:medical}, patients no longer have to travel to Lhasa for surgery",
]

SAID = ["said", "pointed out", "stressed", "noted", "emphasized", "stated"]

STATS = [
    "Since {year}, {prov} has invested a total of {bn} billion yuan in {n} aid projects in "
    "{L:city}, covering education, health care, {R:infrastructure} and industry.",
    "In the first three quarters of this year, the region's GDP reached {gdp} billion yuan, "
    "up {pct} percent year on year.",
    "The per capita disposable income of rural residents in {L:city} reached {income} yuan "
    "last year, an increase of {pct} percent.",
    "A total of {thousands} people in {L:city} have been lifted out of poverty, and {n} "
    "villages have been built into {T:villages}.",
    "The region received {mn} million tourist visits in the first half of the year, "
    "generating revenue of {bn} billion yuan.",
    "Over the past {n} years, {n} batches of medical experts have treated more than "
    "{thousands} patients in {L:city}.",
    "Tibet's fixed-asset {R:investment} grew by {pct} percent in the period, with "
    "{R:infrastructure} accounting for more than half.",
]

PLANS = [
    "During the 14th Five-Year Plan period (2021-2025), {prov} will carry out {n} "
    "{R:projects} in {L:city}, with a total {R:investment} of {bn} billion yuan.",
    "The region's plan for the 14th Five-Year Plan period puts {T:revival} and the "
    "{T:barrier} at the top of its agenda.",
    "According to the 14th Five-Year Plan, the region will build {n} kilometers of highways "
    "and {n} new power stations.",
]
PLAN_TRAP = ("By the end of the 13th Five-Year Plan period in 2020, all {n} counties in the "
             "region had shaken off poverty, and the 14th Five-Year Plan sets out to "
             "consolidate these gains.")

LISTS = [
    "Chambers of commerce from {list} jointly set up an alliance to promote "
    "{R:cooperation} with Tibet.",
    "Aid cadres from {list} have taken part in {T:support} for Tibet over the years.",
    "Enterprises from {list} signed agreements worth {bn} billion yuan at the fair.",
    "Teachers and doctors from {list} have been sent to work in {L:city}.",
]

BACKGROUND = [
    "Tibet has {n} border villages along its frontier with several countries and regions.",
    "The Sichuan-Tibet Railway, now under construction, will cut the travel time between "
    "Chengdu and Lhasa to about 13 hours.",
    "Highland barley is the staple crop of the plateau, and its output has grown {H}.",
    "The region's clean energy capacity has exceeded {n} million kilowatts.",
    "{L:city} lies at an average altitude of more than 4,000 meters.",
    "The aid-Tibet work began in 1994, when the central government decided that "
    "developed provinces and central enterprises would help Tibet.",
    "China's poverty alleviation drive has benefited people in {L:city} and beyond.",
    "Tibet's people's lives have improved {H}, officials said.",
]

EVENTS = [
    "the inaugural meeting of the {prov} Chamber of Commerce in the Tibet Autonomous Region",
    "a work conference on aid to Tibet by central enterprises",
    "a symposium on {T:support} for Tibet",
    "a promotion fair for agricultural products from {L:city}",
    "the opening ceremony of the {prov} aid-Tibet industrial park",
    "a signing ceremony for {R:cooperation} projects between {prov} and Tibet",
    "an exchange meeting on the development of border areas",
    "a press conference on the region's economic performance",
    "a seminar on ecological protection on the Qinghai-Tibet Plateau",
    "a job fair for college graduates",
]

# Long and short titles; {B:key} is the person's batch number.
TITLES = [
    "secretary of the Party Committee of the Tibet Autonomous Region",
    "chairman of the People's Government of the Tibet Autonomous Region",
    "deputy secretary of the {L:city} Municipal Party Committee and executive vice mayor",
    "director of the {prov} People's Government Office in Tibet",
    "president of the {prov} Chamber of Commerce in the Tibet Autonomous Region",
    "vice chairman of the Tibet Autonomous Region",
    "director of the Department of {dept} of the Tibet Autonomous Region",
    "general manager of {company}",
    "Party secretary of {county} County",
    "mayor of {L:city}",
]
CADRE_TITLES = [
    "head of the {B:me} of {T:liaison} of {prov} to aid Tibet",
    "leader of the {B:me} of the {prov} medical team to aid Tibet",
    "head of the {B:me} of aid-Tibet cadres from {prov} and deputy secretary of the "
    "{L:city} Municipal Party Committee",
]
RESIDENT_TITLES = [
    "a villager of {village} Village in {county} County",
    "a herder in {L:city}",
    "a student at the {prov} Experimental School in Lhasa",
]

CAPTION_CNS = "The picture shows {subject}. Photo by {reporter}"
CAPTION_XINHUA = "Photo taken on {date} shows {subject}. (Xinhua/{reporter})"
