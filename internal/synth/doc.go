// Package synth generates synthetic event-study inputs of any size: a long
// price panel of securities whose daily returns follow a market model with
// known parameters, the market index, and an event list with a known
// abnormal return injected on each event's day 0. Benchmarks and tests use it
// to run at scale without downloads; `eventstudy gen` writes its output to
// files.
//
// Securities SYN00001, SYN00002, ... trade on weekdays from 2015-01-02 less
// a few synthetic holidays (New Year's Day, 4 July, Christmas). Security i
// has
//
//	R_it = Alpha_i + Beta_i * R_mt + Sigma_i * e_it + AR_it
//
// with e_it standard normal and AR_it the injected abnormal return (+Effect
// for a good event, -Effect for a bad one, 0 on other days); the market
// SYNMKT has R_mt = 0.0003 + 0.01 * e_mt. Some securities list late (no
// rows before their listing day) and a few prices are missing (empty
// cells), so that readers and studies exercise their skip paths.
//
// Everything follows from Config.Seed through math/rand/v2's PCG: the same
// Config writes the same bytes. The prices are generated one trading day at
// a time and streamed, so memory does not grow with the panel.
package synth
