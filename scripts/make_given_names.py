#!/usr/bin/env python3
"""Build briefings/data/given_names.json, the first-name list the actor stage reads.

Facts from the 1990 US Census name files (public domain; the same files ship in the
PyPI package ``names`` 0.3.0): dist.male.first, dist.female.first, dist.all.last, each a
line "NAME  PERCENT  CUMULATIVE  RANK". Run once by hand, never at run time:

    python3 scripts/make_given_names.py CENSUS_DIR > briefings/data/given_names.json

A name is kept when it is more often a first name than a surname ("Morgan", "Lee" and
"Allen" are left out: "Morgan Stanley" is a bank), when it is not a place, a month or a
sentence word the lexicon knows, and when it is not an everyday English word ("May",
"Will", "Summer"). Names of other countries, which the census barely holds, come from
the lexicon's own GIVEN_NAMES and from INTERNATIONAL below.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from briefings.extract import lexicon as lx  # noqa: E402

MIN_PERCENT = 0.002  # of the people of one sex: rarer names add noise, not recall
# First names that are everyday words, or words that open company and place names.
EVERYDAY = set("""May June April August Will Hope Joy Faith Grace Rose Summer Autumn Winter Spring Dawn
Crystal Ruby Pearl Iris Holly Ivy Violet Amber Jade Star Sunny Honey Precious Ebony Destiny Divine Major Young
Long Page Guy Rich Sky Love Merry Lucky Royal Worth Chance Christian Bishop Hunter Mason Rob Sterling Price
Penny Fortune Goldie Angel Bliss Cash Chase Cherry Clay Cliff Dean Early Ford Glen Grant Gay Joy King Lane
Marshall Miles Minor Moses Norman Noble Page Parker Pat Ray Reed Rocky Rusty Sandy Smith Tiny Tommie Victory
Wade Ward Warren Wiley Young Ward Sonny Buck Bud Buddy Butch Duke Earl Prince Queen Lady Baby Sugar Candy
Brandy Misty Stormy Sunshine Harmony Melody Patience Charity Constance Prudence Verity Trinity Unique Genesis
Mercedes Lincoln Jackson Madison Washington Houston Dallas Austin Denver Phoenix Aurora Florence Carolina
Dakota Georgia Virginia Asia India China Paris Sydney Chelsea Brooklyn Israel Jordan Kenya Egypt Cuba
Lorraine Normandy Savannah Sierra Tyrone Orlando Marion Eugene Augusta Luther Many Tuesday Else Ever Delta
Alpha Apple Bank Banks General Colonel Judge Justice Sheriff Deputy Pilot Tory Labour Liberal Forest River
Rain Storm Stone Rock Lake Ocean Dale Glenn Heath Moor Field Fields Wood Woods Hall Hill Marsh Brook Brooks
Ivory Jewel Coral Ginger Olive Pepper Rosemary Saffron Basil Sage Clover Laurel Myrtle Hazel Heather Daisy
Lily Poppy Lavender Ash Birch Rowan Willow Ember Blaze Rain Snow Frost Gale Mistral Vernon Buster Deal
Don Son Man Loan Park Yen Era Desire Brain Sang Echo Ing Moon Van Liberty Sha Dong Unity Freedom Trust
National Federal Union Mobile Golden Rio Santa Domingo Carmen Lourdes Fatima Gaza Cruz Dolores""".split())
# Common first names of news from outside the US (written here, not taken from a list).
INTERNATIONAL = set("""Abdel Abdelaziz Abdelfattah Abu Ahmad Akira Aleksandr Alexei Alexey Ali Amir Anatoly
Andrei Andrzej Angela Anwar Ashraf Ayatollah Bashar Benedetto Bernd Boris Bjorn Carlos Chen Christophe Cristina
Dilma Dmitri Dmitry Dominique Ehud Emmanuel Enrique Ewa Fabio Felipe Francois François Friedrich Fumio
Gerhard Giorgio Giuseppe Gunther Günther Hamad Hans Haruhiko Hassan Heinz Helmut Hiroshi Horst Hosni Hugo Hu
Igor Ilham Ivan Jacques Jair Jens Joachim Jörg Juergen Jürgen Junichiro Kazuo Klaus Kofi Kurt Lars Li Liu
Luiz Lula Mahmoud Manuel Marcelo Mariano Matteo Mauricio Mikhail Min Mohammad Mustafa Naoto Nasser Nawaz
Nicolas Nicolás Nikolai Nouri Nuri Olaf Olena Oleg Olga Pervez Pieter Rafael Ramon Raúl Recep Riccardo Romano
Sebastián Sergio Shinzo Silvio Sigmar Sven Taro Tatiana Thabo Toshiba Ulrich Vladimir Volker Wang Wen Werner
Wolfgang Xavier Yang Yasuo Yoshihiko Yukio Zhang Zhou Abhisit Thaksin Yingluck Jusman Jacob Kgalema Goodluck
Uhuru Raila Yoweri Paul Salva Abiy Hailemariam Isaias Idriss Mahamadou Macky Abdoulaye Alassane Laurent
Ellen Nana Muhammadu Olusegun Umaru Jakaya Jakob Piotr Jaroslaw Lech Donald Viktor Vaclav Miloš Milos Aleksandar
Janez Borut Ivo Andrus Toomas Dalia Valdis Raimonds Gitanas Sauli Tarja Stefan Stefano Matteo Enrico Mario
Pedro Mariano José Josep Artur Jordi Aníbal Antonio Pablo Santiago Iñigo Narendra Manmohan Rahul Sonia Atal
Arvind Amit Rajiv Indira Imran Shehbaz Benazir Asif Sheikh Hasina Khaleda Mahinda Gotabaya Ranil Maithripala
Joko Susilo Megawati Najib Mahathir Anwar Rodrigo Ferdinand Benigno Gloria Lee Hsien Tsai Ing Ma Ying Kim
Yoon Shinzo Yoshihide Kishida Fumio Naoto Yukio Taro Junichiro Xi Hu Wen Li Jiang Deng Mao Zhu
Ehud Benjamin Naftali Yair Ariel Shimon Yitzhak Mahmoud Ismail Yasser Hosni Abdel Mohamed Anwar Gamal Omar
Muammar Moammar Zine Beji Kais Abdelaziz Abdelmadjid Bouteflika Hamid Ashraf Hamid Nouri Haider Mustafa
Masoud Hassan Mahmoud Akbar Ali Ebrahim Recep Ahmet Abdullah Bulent Kemal Vladimir Dmitry Sergei Sergey
Mikhail Boris Alexei Alexander Volodymyr Petro Viktor Leonid Yulia Arseniy Oleksandr Denys Vitali Vitaliy
Alexander Nursultan Kassym Islam Shavkat Emomali Ilham Serzh Nikol Levon Mikheil Eduard Bidzina""".split())


def read(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].title()] = float(parts[1])
    return out


def main() -> None:
    census = Path(sys.argv[1])
    male, female = read(census / "dist.male.first"), read(census / "dist.female.first")
    last = read(census / "dist.all.last")
    excluded = EVERYDAY | set(lx.COMMON_WORDS) | set(lx.MONTHS) | set(lx.WEEKDAYS) | set(lx.COLOURS) \
        | set(lx.COUNTRY_NAMES) | set(lx.CAPITALS) | set(lx.CITIES) | set(lx.US_STATES) | set(lx.REGIONS) \
        | set(lx.DEMONYMS) | set(lx.COMPANY_WORDS) | set(lx.ORG_WORDS) | set(lx.NON_ENTITIES) \
        | {w.title() for w in lx.TITLE_WORDS}
    names = set()
    for name in set(male) | set(female):
        share = (male.get(name, 0.0) + female.get(name, 0.0)) / 2
        if max(male.get(name, 0.0), female.get(name, 0.0)) < MIN_PERCENT:
            continue
        if share < last.get(name, 0.0) or name in excluded or len(name) < 2:
            continue
        names.add(name)
    names |= (set(lx.GIVEN_NAMES) | INTERNATIONAL) - excluded
    json.dump(sorted(names), sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
