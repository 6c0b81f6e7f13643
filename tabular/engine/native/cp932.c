/*
 * CP932 (Windows Shift_JIS) to UTF-8, table-driven, for tabular.engine.cp932 (ctypes).
 *
 * The tables are generated from Kanmin's strict ``kanmin_cp932`` codec by build.py into
 * cp932_table.h, so this decodes exactly what that codec decodes and refuses what it refuses
 * (tabular/tests/test_engine_cp932.py compares every one- and two-byte sequence). Runs of
 * ASCII are copied eight bytes at a time.
 *
 * Input is untrusted (uploaded files): nothing is read past in[n - 1], and each input byte
 * gives at most three output bytes, so an output buffer of 3 * n bytes is never overrun.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cp932_table.h"

/* Bumped whenever the signature or the meaning of the results changes; the loader refuses a
 * library built from other sources. */
int kanmin_cp932_abi(void) { return KANMIN_CP932_ABI; }

/*
 * Convert in[0..n) and write the UTF-8 to out (at least 3 * n + 4 bytes: each character's
 * four table bytes are stored at once, of which its length counts). Returns the number of
 * bytes written. *used is set to the number of input bytes converted; *status to
 *   0 when all were converted, or when only a lead byte at the very end is left and final is
 *     0 (it begins a character that continues in the next block: *used == n - 1);
 *   1 when in[*used] begins a sequence CP932 does not define (or, with final, a lead byte
 *     ends the input). out holds the text before it.
 */
size_t kanmin_cp932_to_utf8(const uint8_t *in, size_t n, uint8_t *out, int final,
                            size_t *used, int *status) {
    size_t i = 0, o = 0;
    *status = 0;
    while (i < n) {
        uint8_t b = in[i];
        if (b < 0x80) {
            uint64_t word;
            while (i + 8 <= n) { /* a run of ASCII, eight bytes at a time */
                memcpy(&word, in + i, 8);
                if (word & UINT64_C(0x8080808080808080)) {
                    break;
                }
                memcpy(out + o, &word, 8);
                i += 8;
                o += 8;
            }
            while (i < n && in[i] < 0x80) {
                out[o++] = in[i++];
            }
            continue;
        }
        const uint8_t *entry = SINGLE[b];
        if (entry[3] == LEAD) {
            if (i + 1 >= n) {
                *status = final ? 1 : 0; /* without final: it continues in the next block */
                break;
            }
            entry = DOUBLE[LEAD_INDEX[b]][in[i + 1]];
            if (entry[3] == 0) {
                *status = 1;
                break;
            }
            i += 2;
        } else if (entry[3] == 0) {
            *status = 1;
            break;
        } else {
            i += 1;
        }
        memcpy(out + o, entry, 4); /* the UTF-8 bytes, then the length (overwritten next) */
        o += entry[3];
    }
    *used = i;
    return o;
}
