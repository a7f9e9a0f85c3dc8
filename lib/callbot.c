/*
 * callbot.c: the accounts a video call's report lists that are no one:
 * the note-taking bots let into a call (Otter.ai, Fireflies.ai, Read.ai
 * and their like), known by the names they join as.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "circle-priv.h"

/*
 * Words in the names the bots join as, found anywhere in the name, in
 * any case: "Otter.ai", "Ann's OtterPilot", "Fireflies.ai Notetaker Bo",
 * "Ann's Fireflies.ai Notetaker", "read.ai meeting notes", "Bo's MeetGeek
 * Notetaker".  No person's name holds one.
 */
static const char *const bot_words[] = { "otter.ai", "otterpilot",
    "fireflies.ai", "read.ai", "notetaker" };

/* Whether name is a note-taking bot's: the bot's word, or NULL. */
const char *
circle_call_bot(const char *name)
{
	const char	*p;
	size_t		 i, n;

	for (i = 0; i < sizeof bot_words / sizeof bot_words[0]; i++) {
		n = strlen(bot_words[i]);
		for (p = name; *p != '\0'; p++)
			if (strncasecmp(p, bot_words[i], n) == 0)
				return bot_words[i];
	}
	return NULL;
}
