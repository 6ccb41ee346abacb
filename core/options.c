/* Named options: a small ordered list of name/value strings. */
#include <folio/options.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct option_entry {
    char *name;
    char *value;
} option_entry;

struct folio_options {
    option_entry *entries;
    size_t count;
    size_t capacity;
};

folio_options *folio_options_new(void)
{
    return calloc(1, sizeof(folio_options));
}

void folio_options_free(folio_options *options)
{
    if (options == NULL)
        return;
    for (size_t i = 0; i < options->count; i++) {
        free(options->entries[i].name);
        free(options->entries[i].value);
    }
    free(options->entries);
    free(options);
}

static option_entry *options_find(const folio_options *options,
                                  const char *name)
{
    if (options == NULL)
        return NULL;
    for (size_t i = 0; i < options->count; i++)
        if (strcmp(options->entries[i].name, name) == 0)
            return &options->entries[i];
    return NULL;
}

folio_status folio_options_set(folio_options *options, const char *name,
                               const char *value, folio_error *err)
{
    char *value_copy = strdup(value);
    if (value_copy == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    option_entry *entry = options_find(options, name);
    if (entry != NULL) {
        free(entry->value);
        entry->value = value_copy;
        return FOLIO_OK;
    }
    if (options->count == options->capacity) {
        size_t capacity = options->capacity == 0 ? 8 : options->capacity * 2;
        option_entry *entries =
            realloc(options->entries, capacity * sizeof *entries);
        if (entries == NULL) {
            free(value_copy);
            return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
        }
        options->entries = entries;
        options->capacity = capacity;
    }
    char *name_copy = strdup(name);
    if (name_copy == NULL) {
        free(value_copy);
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    }
    options->entries[options->count++] = (option_entry){name_copy, value_copy};
    return FOLIO_OK;
}

const char *folio_options_get(const folio_options *options, const char *name)
{
    const option_entry *entry = options_find(options, name);
    return entry != NULL ? entry->value : NULL;
}

/* 1 for a true word, 0 for a false one, -1 for anything else. */
static int parse_bool(const char *value)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(value, yes[i]) == 0)
            return 1;
        if (strcasecmp(value, no[i]) == 0)
            return 0;
    }
    return -1;
}

static bool parse_int(const char *value, int64_t *out)
{
    if (*value == '\0')
        return false;
    char *end;
    errno = 0;
    long long parsed = strtoll(value, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *out = parsed;
    return true;
}

bool folio_options_get_bool(const folio_options *options, const char *name,
                            bool fallback)
{
    const char *value = folio_options_get(options, name);
    int parsed = value != NULL ? parse_bool(value) : -1;
    return parsed < 0 ? fallback : parsed == 1;
}

int64_t folio_options_get_int(const folio_options *options, const char *name,
                              int64_t fallback)
{
    const char *value = folio_options_get(options, name);
    int64_t parsed;
    return value != NULL && parse_int(value, &parsed) ? parsed : fallback;
}

size_t folio_options_count(const folio_options *options)
{
    return options != NULL ? options->count : 0;
}

const char *folio_options_name_at(const folio_options *options, size_t index)
{
    return index < folio_options_count(options) ? options->entries[index].name
                                                : NULL;
}

const char *folio_options_value_at(const folio_options *options,
                                   size_t index)
{
    return index < folio_options_count(options)
               ? options->entries[index].value
               : NULL;
}

/* Whether value is one of the '|'-separated words of choices. */
static bool is_choice(const char *choices, const char *value)
{
    size_t len = strlen(value);
    for (const char *word = choices; *word != '\0';) {
        const char *end = strchr(word, '|');
        size_t word_len = end != NULL ? (size_t)(end - word) : strlen(word);
        if (word_len == len && memcmp(word, value, len) == 0)
            return true;
        if (end == NULL)
            break;
        word = end + 1;
    }
    return false;
}

folio_status folio_option_check(const folio_option_spec *spec,
                                const char *value, folio_error *err)
{
    int64_t number;
    switch (spec->type) {
    case FOLIO_OPTION_BOOL:
        if (parse_bool(value) < 0)
            return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                                   "option --%s takes true or false, not '%s'",
                                   spec->name, value);
        return FOLIO_OK;
    case FOLIO_OPTION_INT:
        if (!parse_int(value, &number))
            return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                                   "option --%s takes an integer, not '%s'",
                                   spec->name, value);
        return FOLIO_OK;
    case FOLIO_OPTION_CHOICE:
        if (spec->choices == NULL || !is_choice(spec->choices, value))
            return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                                   "option --%s takes one of %s, not '%s'",
                                   spec->name,
                                   spec->choices ? spec->choices : "(none)",
                                   value);
        return FOLIO_OK;
    case FOLIO_OPTION_CHOICE_OR_INT:
        if (parse_int(value, &number) ||
            (spec->choices != NULL && is_choice(spec->choices, value)))
            return FOLIO_OK;
        return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                               "option --%s takes %s or a number, not '%s'",
                               spec->name,
                               spec->choices ? spec->choices : "(none)",
                               value);
    case FOLIO_OPTION_STRING:
        return FOLIO_OK;
    }
    return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                           "option --%s has an unknown type", spec->name);
}

const folio_option_spec *folio_option_find(const folio_option_spec *specs,
                                           const char *name)
{
    for (; specs != NULL && specs->name != NULL; specs++)
        if (strcmp(specs->name, name) == 0)
            return specs;
    return NULL;
}
