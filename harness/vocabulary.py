"""The words generated stories are written in, and the words the benchmarks search for.

A real archive's words follow Zipf's law: a few words are in nearly every story, most are in
a handful. Generated text drawn from a short list (the twenty words used before) matches most
of the archive for every search, or nothing. Here each language (English, Spanish) has the
``SIZE`` most frequent words of wordfreq's lists (wordfreq 3.1, from subtitles, news,
Wikipedia and web text; data under CC BY-SA 4.0), drawn with their real frequencies, so a
search for a common word matches many stories, a mid-frequency one dozens, a rare one a few,
as they would in a real archive. Words a press room would never print are left out.

Deterministic: the same ``random.Random`` seed gives the same text. Fast: the lists load once
per process (about half a second a language); a word costs one bisection."""

import functools
import itertools
import random

from wordfreq import get_frequency_dict, top_n_list

SIZE = 8000
# The most frequent words are function words ("the", "de"): titles draw past them.
TITLE_FROM_RANK = 150
# Search words: four letters or more (shorter ones are mostly stop words, which PostgreSQL's
# text search drops), by rank among those: common, mid-frequency, rare.
SEARCH_BANDS = {"common": (100, 400), "mid": (1000, 2500), "rare": (5000, 7500)}
ONE_LETTER = {"en": {"a", "i"}, "es": {"a", "e", "o", "u", "y"}}

# Profanity, slurs and sexual words in either language: stems block every word they start
# ("fucking" with "fuck"); words that start innocent ones ("analysis", "cumplir", "cocktail")
# are blocked as whole words only. Checked against both lists by hand.
BLOCKED_STEMS = (
    *("asshole", "bitch", "blowjob", "bollock", "boob", "cunt", "dildo", "fag", "fuck", "hitler", "hooker"),
    *("horny", "masturb", "nazi", "nigg", "orgasm", "penis", "porn", "pussy", "rapist", "retard", "shit"),
    *("slut", "titty", "vagina", "whore"),
    *("coño", "gilipollas", "jodi", "joder", "maric", "mierda", "pendej", "puta", "puto", "verga"),
)
BLOCKED_WORDS = {
    *("anal", "arse", "ass", "asses", "cock", "cocks", "cum", "damn", "dick", "dicks", "hell", "jerk"),
    *("naked", "nude", "rape", "raped", "semen", "sex", "sexy", "tit", "tits", "twat", "wank"),
    *("cabron", "cabrón", "cabrones", "culo", "pene", "perra", "pinche", "pinches", "polla", "porno", "sexo"),
}


def printable(word):
    """A word a press release could print: letters only, and none of the blocked ones."""
    return word.isalpha() and word not in BLOCKED_WORDS and not word.startswith(BLOCKED_STEMS)


class Vocabulary:
    def __init__(self, language, size=SIZE):
        self.language = language
        frequencies = get_frequency_dict(language)
        candidates = top_n_list(language, size * 2)
        words = [w for w in candidates if printable(w) and (len(w) > 1 or w in ONE_LETTER[language])][:size]
        self.words = words
        self.cum_weights = list(itertools.accumulate(frequencies[w] for w in words))
        self.title_words = words[TITLE_FROM_RANK:]
        self.title_weights = list(itertools.accumulate(frequencies[w] for w in self.title_words))
        self.longer = [w for w in words if len(w) >= 4]

    def words_for(self, rng, count):
        """``count`` words drawn by their frequency, as running text uses them."""
        return rng.choices(self.words, cum_weights=self.cum_weights, k=count)

    def sentence(self, rng, count):
        words = self.words_for(rng, count)
        return " ".join(words).capitalize() + "."

    def title(self, rng, count):
        """``count`` words past the function words, by frequency: what a headline is made of."""
        words = rng.choices(self.title_words, cum_weights=self.title_weights, k=count)
        return " ".join(words).capitalize()

    def band(self, name):
        """The search words of a frequency band (SEARCH_BANDS), most frequent first."""
        start, end = SEARCH_BANDS[name]
        return self.longer[start:end]


@functools.cache
def vocabulary(language):
    return Vocabulary(language)


def search_words(language, seed=2026):
    """{band: words}: each band's words in a fixed shuffled order, so the first few of every
    band are not all from its top end."""
    bands = {}
    for name in SEARCH_BANDS:
        words = list(vocabulary(language).band(name))
        random.Random(f"{seed}-{language}-{name}").shuffle(words)  # noqa: S311 (test data, not secrets)
        bands[name] = words
    return bands
