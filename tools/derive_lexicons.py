#!/usr/bin/env python3
"""Derives the lexicon files in src/Ingest.Core/Resources/Lexicons/ from the open gazetteers
(shared/corpus/gazetteers/). Run by hand when the gazetteers change; the build never reads them.
Licences and attribution: THIRD-PARTY-NOTICES.md.

  python3 tools/derive_lexicons.py ../shared/corpus/gazetteers
"""
import csv, json, os, sys

src = sys.argv[1]
out = os.path.join(os.path.dirname(__file__), '..', 'src', 'Ingest.Core', 'Resources', 'Lexicons')
os.makedirs(out, exist_ok=True)

def lines(path):
    with open(path, encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]

def write(name, rows):
    with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
        f.write('\n'.join(rows) + '\n')

write('speech_verbs.txt', lines(f'{src}/speech_verbs_ggt/quote_verb_list.txt'))
write('anonymous_heads.txt', lines(f'{src}/project_authored/anonymous_source_heads.txt'))
write('attribution_cues.txt', lines(f'{src}/project_authored/multiword_attribution_cues.txt'))
write('org_suffixes.txt', lines(f'{src}/project_authored/org_suffixes.txt'))
write('titles.txt', sorted({l.strip() for l in lines(f'{src}/qsample_lexicons/titles.txt')}))
write('us_states.tsv', lines(f'{src}/project_authored/us_states.tsv'))

# Countries (ODbL 1.0, derived database): name, official name, capitals, demonyms, alternative spellings.
with open(f'{src}/countries_mledoze/countries_demonyms_capitals.tsv', encoding='utf-8') as f:
    rows = list(csv.DictReader(f, delimiter='\t'))
write('countries.tsv', ['\t'.join([r['name_common'], r['name_official'], r['capitals'], r['demonym_m'], r['demonym_f'], r['alt_spellings']]) for r in rows])

# Cities with at least 15,000 people (GeoNames, CC BY 4.0): name, country code, population.
with open(f'{src}/world_cities_geonames/cities15000_geonames.tsv', encoding='utf-8') as f:
    rows = [r for r in csv.DictReader(f, delimiter='\t') if int(r['population'] or 0) >= 15000]
write('cities.tsv', sorted({f"{r['name']}\t{r['country_code']}\t{r['population']}" for r in rows}))

# Given names with at least 1,000 US births 1880-2020 (SSA, public domain), with the sex most born with the name
# had: M or F when at least 80% of births with the name were of that sex, otherwise ?.
births = {}
with open(f'{src}/first_names_ssa/first_names_ssa.tsv', encoding='utf-8') as f:
    for r in csv.DictReader(f, delimiter='\t'):
        births.setdefault(r['name'], {})[r['sex']] = int(r['total_1880_2020'])
rows = []
for n, by in sorted(births.items()):
    total = sum(by.values())
    if total < 1000:
        continue
    sex = max(by, key=by.get)
    rows.append(f"{n}\t{sex if by[sex] / total >= 0.8 else '?'}")
write('first_names.tsv', rows)

# Common nouns that name people (WordNet 3.0 hyponyms of "person", via qsample; WordNet licence): lower-case single
# words only, so proper names ("Joan_Didion") and nationalities ("Zairese") drop out. Heads of unnamed speakers.
with open(f'{src}/qsample_lexicons/person.hyponyms.txt', encoding='utf-8') as f:
    nouns = {l.strip() for l in f if l.strip().isalpha() and l.strip().islower() and len(l.strip()) > 2}
write('person_nouns.txt', sorted(nouns))

# US federal agencies and newspapers (dariusk/corpora, CC0).
with open(f'{src}/dariusk_corpora/governments_us_federal_agencies.json', encoding='utf-8') as f:
    write('us_agencies.txt', sorted(set(json.load(f)['agencies'])))
with open(f'{src}/dariusk_corpora/corporations_newspapers.json', encoding='utf-8') as f:
    write('newspapers.txt', sorted(set(json.load(f)['newspapers'])))
