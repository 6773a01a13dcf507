/*
 * Single-threaded C reference of the cascade dynamics (docs/model.md#cascade, docs/engine.md "What one iteration
 * does"), for bench/simulate.bench.js: the same compiled model (dumped by the bench), the same Alea streams keyed
 * "<seed>#<iteration>", the same draws, order of operations and bookkeeping (peak, downtime, sector means,
 * capability demand/coverage/shortfall, mitigation, impact values), so that its final q can be compared
 * with the engine's to the bit and its time is a fair yardstick. No counterfactual, no statistics.
 *
 *   gcc -O2 -march=native -o reference bench/reference.c -lm
 *     (add -ffp-contract=off for q bit-identical to the engine: -march=native allows fused multiply-adds, which round
 *     differently)
 *   ./reference model.bin <seed> <iterations> [final.bin]
 *     → prints wall and CPU ms and a checksum; final.bin gets q(N) per iteration
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- seedrandom's Alea with Baagoe's Mash, exactly as node_modules/seedrandom/lib/alea.js ---- */
typedef struct {
  double n;
} Mash;
static double to_uint32(double h) { return fmod(floor(h), 4294967296.0); }
static double mash(Mash *m, const char *data) {
  for (const unsigned char *p = (const unsigned char *)data; *p; p++) {
    m->n += *p;
    double h = 0.02519603282416938 * m->n;
    m->n = to_uint32(h);
    h -= m->n;
    h *= m->n;
    m->n = to_uint32(h);
    h -= m->n;
    m->n += h * 4294967296.0;
  }
  return to_uint32(m->n) * 2.3283064365386963e-10;
}
typedef struct {
  double s0, s1, s2, c;
} Alea;
static void alea_seed(Alea *a, const char *seed) {
  Mash m = {4022871197.0}; /* 0xefc8249d */
  a->c = 1;
  a->s0 = mash(&m, " ");
  a->s1 = mash(&m, " ");
  a->s2 = mash(&m, " ");
  a->s0 -= mash(&m, seed);
  if (a->s0 < 0) a->s0 += 1;
  a->s1 -= mash(&m, seed);
  if (a->s1 < 0) a->s1 += 1;
  a->s2 -= mash(&m, seed);
  if (a->s2 < 0) a->s2 += 1;
}
static inline double alea_next(Alea *a) {
  double t = 2091639 * a->s0 + a->c * 2.3283064365386963e-10;
  a->s0 = a->s1;
  a->s1 = a->s2;
  a->c = (double)(int32_t)t; /* t | 0; t is in [0, 2091640) */
  return a->s2 = t - a->c;
}

/* ---- the compiled model, as written by the bench: per array an int32 count, an int32 element size, the data ---- */
static FILE *in;
static void *read_array(int *count, int elem) {
  int32_t head[2];
  if (fread(head, 4, 2, in) != 2 || head[1] != elem) {
    fprintf(stderr, "bad model file\n");
    exit(2);
  }
  *count = head[0];
  void *p = malloc((size_t)(head[0] > 0 ? head[0] : 1) * elem);
  if (head[0] > 0 && fread(p, elem, head[0], in) != (size_t)head[0]) {
    fprintf(stderr, "short model file\n");
    exit(2);
  }
  return p;
}
#define F64(name)                                                                                                      \
  int n_##name;                                                                                                        \
  double *name = read_array(&n_##name, 8)
#define I32(name)                                                                                                      \
  int n_##name;                                                                                                        \
  int32_t *name = read_array(&n_##name, 4)

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: reference model.bin seed iterations [final.bin]\n");
    return 2;
  }
  in = fopen(argv[1], "rb");
  if (!in) {
    perror(argv[1]);
    return 2;
  }
  I32(dims);  /* nS, nSectors, nTasks, nCapabilities, nCriteria, steps, maxDelay */
  F64(reals); /* stepHours, disruptedThreshold */
  F64(recovery);
  I32(serviceSector);
  I32(sectorSize);
  I32(depStart);
  I32(depSource);
  F64(depStrength);
  F64(depProbability);
  I32(depDelay);
  I32(depDrawOrder);
  I32(shockService);
  F64(shockLevel);
  I32(shockFrom);
  I32(shockUntil);
  F64(taskBaseDemand);
  I32(triggerService);
  I32(triggerTask);
  F64(triggerRate);
  I32(needTask);
  I32(needCapability);
  F64(needPerUnit);
  I32(holdingCapability);
  F64(holdingCapacity);
  F64(holdingReadiness);
  I32(holdingFromStep);
  I32(mitigationCapability);
  I32(mitigationService);
  F64(mitigationReduction);
  I32(serviceConsequenceService);
  I32(serviceConsequenceCriterion);
  F64(serviceConsequenceRate);
  I32(capabilityConsequenceCapability);
  I32(capabilityConsequenceCriterion);
  F64(capabilityConsequenceRate);
  fclose(in);
  (void)n_dims;
  (void)n_reals;
  (void)n_recovery;
  (void)n_serviceSector;
  (void)n_depSource;
  (void)n_depStrength;
  (void)n_depProbability;
  (void)n_depDelay;
  (void)n_depDrawOrder;
  (void)n_shockLevel;
  (void)n_shockFrom;
  (void)n_shockUntil;
  (void)n_triggerTask;
  (void)n_triggerRate;
  (void)n_needCapability;
  (void)n_needPerUnit;
  (void)n_holdingCapacity;
  (void)n_holdingReadiness;
  (void)n_holdingFromStep;
  (void)n_mitigationCapability;
  (void)n_mitigationReduction;
  (void)n_serviceConsequenceCriterion;
  (void)n_serviceConsequenceRate;
  (void)n_capabilityConsequenceCriterion;
  (void)n_capabilityConsequenceRate;
  (void)n_sectorSize;
  (void)n_taskBaseDemand;
  (void)n_depStart;

  const int nS = dims[0], nSec = dims[1], nTasks = dims[2], nCap = dims[3], nCrit = dims[4], N = dims[5],
            maxDelay = dims[6];
  const double dt = reals[0], thr = reals[1];
  const int nDeps = n_depSource, H = maxDelay + 2;
  const char *seed = argv[2];
  const int iterations = atoi(argv[3]);
  FILE *out = argc > 4 ? fopen(argv[4], "wb") : NULL;

  double *draw = malloc(sizeof(double) * (nDeps ? nDeps : 1));
  int32_t *aStart = malloc(sizeof(int32_t) * (nS + 1)), *aOff = malloc(sizeof(int32_t) * (nDeps ? nDeps : 1));
  double *aStr = malloc(sizeof(double) * (nDeps ? nDeps : 1));
  unsigned char *present = malloc(n_holdingCapability ? n_holdingCapability : 1);
  double *hist = malloc(sizeof(double) * 2 * H * nS);
  double *shock = calloc(nS, 8), *pass = malloc(8 * nS), *peak = malloc(8 * nS), *down = malloc(8 * nS);
  double *secSum = calloc(nSec ? nSec : 1, 8), *secPeak = malloc(8 * (nSec ? nSec : 1)),
         *secDown = malloc(8 * (nSec ? nSec : 1));
  double *taskDemand = malloc(8 * (nTasks ? nTasks : 1)), *capDemand = malloc(8 * (nCap ? nCap : 1));
  double *capAvail = malloc(8 * (nCap ? nCap : 1)), *coverage = malloc(8 * (nCap ? nCap : 1)),
         *stepShort = malloc(8 * (nCap ? nCap : 1));
  double *capShort = malloc(8 * (nCap ? nCap : 1)), *capShortH = malloc(8 * (nCap ? nCap : 1)),
         *crit = malloc(8 * (nCrit ? nCrit : 1));
  double *final = malloc(8 * nS);
  char key[512];
  double checksum = 0;

  struct timespec t0, t1, c0, c1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
  for (int it = 0; it < iterations; it++) {
    Alea a;
    snprintf(key, sizeof key, "%s#%d", seed, it);
    alea_seed(&a, key);
    for (int k = 0; k < nDeps; k++) draw[k] = alea_next(&a);
    for (int h = 0; h < n_holdingCapability; h++) present[h] = alea_next(&a) < holdingReadiness[h];
    int n = 0;
    aStart[0] = 0;
    for (int i = 0; i < nS; i++) {
      for (int e = depStart[i]; e < depStart[i + 1]; e++) {
        if (draw[depDrawOrder[e]] < depProbability[e]) {
          aOff[n] = depSource[e] - depDelay[e] * nS;
          aStr[n] = depStrength[e];
          n++;
        }
      }
      aStart[i + 1] = n;
    }

    memset(hist, 0, sizeof(double) * 2 * H * nS);
    memset(peak, 0, 8 * nS);
    memset(down, 0, 8 * nS);
    for (int s = 0; s < nSec; s++) {
      secPeak[s] = 0;
      secDown[s] = 0;
      secSum[s] = 0;
    }
    for (int c = 0; c < nCrit; c++) crit[c] = 0;
    for (int c = 0; c < nCap; c++) {
      capShort[c] = 0;
      capShortH[c] = 0;
    }
    for (int i = 0; i < nS; i++) pass[i] = 1;

    int r = 0;
    for (int t = 0; t < N; t++) {
      const int cur = r * nS, base = (r + H) * nS, nr = r + 1 == H ? 0 : r + 1, nxt = nr * nS, nxtM = (nr + H) * nS;
      for (int s = 0; s < n_shockService; s++) shock[shockService[s]] = 0;
      for (int s = 0; s < n_shockService; s++) {
        if (t >= shockFrom[s] && t < shockUntil[s] && shockLevel[s] > shock[shockService[s]])
          shock[shockService[s]] = shockLevel[s];
      }
      if (nCap > 0) {
        memcpy(taskDemand, taskBaseDemand, 8 * nTasks);
        for (int g = 0; g < n_triggerService; g++)
          taskDemand[triggerTask[g]] += triggerRate[g] * hist[cur + triggerService[g]] * dt;
        for (int c = 0; c < nCap; c++) capDemand[c] = 0;
        for (int k = 0; k < n_needTask; k++) capDemand[needCapability[k]] += taskDemand[needTask[k]] * needPerUnit[k];
        for (int c = 0; c < nCap; c++) capAvail[c] = 0;
        for (int h = 0; h < n_holdingCapability; h++)
          if (present[h] && t >= holdingFromStep[h]) capAvail[holdingCapability[h]] += holdingCapacity[h];
        for (int c = 0; c < nCap; c++) {
          const double d = capDemand[c], av = capAvail[c];
          const double sh = d > av ? d - av : 0;
          stepShort[c] = sh;
          coverage[c] = d > 0 ? (av >= d ? 1 : av / d) : av > 0 ? 1 : 0;
          if (sh > capShort[c]) capShort[c] = sh;
          capShortH[c] += sh * dt;
        }
        for (int k = 0; k < n_capabilityConsequenceCapability; k++)
          crit[capabilityConsequenceCriterion[k]] +=
              capabilityConsequenceRate[k] * stepShort[capabilityConsequenceCapability[k]] * dt;
        for (int k = 0; k < n_mitigationService; k++) pass[mitigationService[k]] = 1;
        for (int k = 0; k < n_mitigationService; k++)
          pass[mitigationService[k]] *= 1 - mitigationReduction[k] * coverage[mitigationCapability[k]];
      }
      for (int k = 0; k < n_serviceConsequenceService; k++)
        crit[serviceConsequenceCriterion[k]] +=
            serviceConsequenceRate[k] * hist[cur + serviceConsequenceService[k]] * dt;
      for (int i = 0; i < nS; i++) {
        const double q = hist[cur + i];
        if (q > peak[i]) peak[i] = q;
        if (q >= thr) down[i] += dt;
        secSum[serviceSector[i]] += q;
        double sum = 0;
        for (int e = aStart[i]; e < aStart[i + 1]; e++) sum += aStr[e] * hist[base + aOff[e]];
        double v = q + recovery[i] * (pass[i] * sum + shock[i] - q);
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        hist[nxt + i] = v;
        hist[nxtM + i] = v;
      }
      for (int s = 0; s < nSec; s++) {
        const double mean = sectorSize[s] > 0 ? secSum[s] / sectorSize[s] : 0;
        if (mean > secPeak[s]) secPeak[s] = mean;
        if (mean >= thr) secDown[s] += dt;
        secSum[s] = 0;
      }
      r = nr;
    }
    for (int i = 0; i < nS; i++) {
      final[i] = hist[r * nS + i];
      if (final[i] > peak[i]) peak[i] = final[i];
      checksum += final[i] + peak[i] + down[i];
    }
    for (int c = 0; c < nCrit; c++) checksum += crit[c];
    if (out) fwrite(final, 8, nS, out);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
  if (out) fclose(out);
  printf("%.1f ms wall %.1f ms cpu checksum %.17g\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6,
         (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6, checksum);
  return 0;
}
