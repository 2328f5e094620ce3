"""Typical wrong answers to lesson 4's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "predict_sum_std": {
        "variance_instead_of_std": {
            "edit": [
                ("    return float(np.sqrt(variance))\n", "    return float(variance)\n"),
            ],
            "says": {
                "en": "you predicted the variance of the sum",
                "fr": "vous avez prévu la variance de la somme",
            },
        },
        "no_rescaling": {
            "edit": [
                (
                    "    variance = (x**2).sum() * rate / (1 - rate)\n",
                    "    variance = (x**2).sum() * rate * (1 - rate)\n",
                ),
            ],
            "says": {
                "en": "outputs that are not divided by 1 - rate",
                "fr": "sorties qui ne sont pas divisées par 1 - rate",
            },
        },
        "standard_deviations_added": {
            "edit": [
                (
                    "    variance = (x**2).sum() * rate / (1 - rate)\n"
                    "    return float(np.sqrt(variance))\n",
                    "    return float(np.abs(x).sum() * np.sqrt(rate / (1 - rate)))\n",
                ),
            ],
            "says": {
                "en": "the variances add up, not the standard deviations",
                "fr": "ce sont les variances qui s'additionnent, pas les écarts types",
            },
        },
        "rate_read_as_keep_probability": {
            "edit": [
                (
                    "    variance = (x**2).sum() * rate / (1 - rate)\n",
                    "    variance = (x**2).sum() * (1 - rate) / rate\n",
                ),
            ],
            "says": {
                "en": "rate is the probability of DROPPING a value",
                "fr": "rate est la probabilité d'ABANDONNER une valeur",
            },
        },
        "bernoulli_variance_of_the_mask_only": {
            "edit": [
                (
                    "    variance = (x**2).sum() * rate / (1 - rate)\n",
                    "    variance = x.size * rate * (1 - rate)\n",
                ),
            ],
            "says": {"en": "below the measured standard deviation", "fr": "inférieure de"},
        },
    },
    "inverted_dropout": {
        "no_rescaling": {
            "edit": [
                (
                    "    keep = rng.random(x.shape) >= rate\n    return np.where(keep, x / (1 - rate), 0.0)\n",
                    "    return x * (rng.random(x.shape) >= rate)\n",
                ),
            ],
            "says": {
                "en": "kept values must be divided by 1 - rate",
                "fr": "elles doivent être divisées par 1 - rate",
            },
        },
        "multiplied_by_keep_probability": {
            "edit": [
                (
                    "    keep = rng.random(x.shape) >= rate\n    return np.where(keep, x / (1 - rate), 0.0)\n",
                    "    return x * (rng.random(x.shape) >= rate) * (1 - rate)\n",
                ),
            ],
            "says": {
                "en": "You multiplied the kept values by 1 - rate",
                "fr": "Vous avez multiplié les valeurs conservées par 1 - rate",
            },
        },
        "rate_read_as_keep_probability": {
            "edit": [
                (
                    "    keep = rng.random(x.shape) >= rate\n",
                    "    keep = rng.random(x.shape) < rate\n",
                ),
            ],
            "says": {
                "en": "rate is the fraction DROPPED, not kept",
                "fr": "rate est la fraction ABANDONNÉE, pas conservée",
            },
        },
        "drops_at_inference": {
            "edit": [
                ("    if not training or rate == 0:\n        return x\n", ""),
            ],
            "says": {
                "en": "with training=False, return x unchanged",
                "fr": "avec training=False, renvoyez x inchangé",
            },
        },
        "scales_at_inference_instead": {
            "edit": [
                (
                    "    if not training or rate == 0:\n        return x\n    keep = rng.random(x.shape) >= rate\n    return np.where(keep, x / (1 - rate), 0.0)\n",
                    "    if not training:\n        return x * (1 - rate)\n    return x * (rng.random(x.shape) >= rate)\n",
                ),
            ],
            "says": {"en": "original paper's scheme", "fr": "schéma de l'article original"},
        },
        "global_random_generator": {
            "edit": [
                (
                    "    keep = rng.random(x.shape) >= rate\n",
                    "    keep = np.random.random(x.shape) >= rate\n",
                ),
            ],
            "says": {
                "en": "draw your random numbers from the rng argument",
                "fr": "tirez vos nombres aléatoires dans l'argument rng",
            },
        },
    },
    "mc_dropout_predict": {
        "dropout_off": {
            "edit": [
                (
                    "    passes = np.stack([np.asarray(model(x, training=True)) for _ in range(n)])\n",
                    "    passes = np.stack([np.asarray(model(x)) for _ in range(n)])\n",
                ),
            ],
            "says": {"en": "dropout was off", "fr": "le dropout était inactif"},
        },
        "predict_instead_of_training_call": {
            "edit": [
                (
                    "np.asarray(model(x, training=True))",
                    "model.predict(x, verbose=0)",
                ),
            ],
            "says": {"en": "dropout was off", "fr": "le dropout était inactif"},
        },
        "averaged_over_examples": {
            "edit": [
                (
                    "    return passes.mean(axis=0), passes.std(axis=0)\n",
                    "    return passes.mean(axis=1), passes.std(axis=1)\n",
                ),
            ],
            "says": {
                "en": "Average over the n passes",
                "fr": "Faites la moyenne sur les n passages",
            },
        },
        "last_pass_instead_of_mean": {
            "edit": [
                (
                    "    return passes.mean(axis=0), passes.std(axis=0)\n",
                    "    return passes[-1], passes.std(axis=0)\n",
                ),
            ],
            "says": {"en": "not one pass", "fr": "pas un seul passage"},
        },
        "variance_instead_of_std": {
            "edit": [
                (
                    "    return passes.mean(axis=0), passes.std(axis=0)\n",
                    "    return passes.mean(axis=0), passes.var(axis=0)\n",
                ),
            ],
            "says": {"en": "You returned the variance", "fr": "Vous avez renvoyé la variance"},
        },
    },
    "deployed_predict": {
        "scaled_by_keep_probability": {
            "edit": [
                (
                    "    hidden = np.maximum(x @ kernel1 + bias1, 0)\n"
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0)\n",
                    "    hidden = np.maximum(x @ kernel1 + bias1, 0) * (1 - rate)\n"
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0) * (1 - rate)\n",
                ),
            ],
            "says": {
                "en": "You multiplied the hidden values by 1 - rate at inference",
                "fr": "Vous avez multiplié les valeurs cachées par 1 - rate en inférence",
            },
        },
        "mask_removed_but_still_divided": {
            "edit": [
                (
                    "    hidden = np.maximum(x @ kernel1 + bias1, 0)\n"
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0)\n",
                    "    hidden = np.maximum(x @ kernel1 + bias1, 0) / (1 - rate)\n"
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0) / (1 - rate)\n",
                ),
            ],
            "says": {
                "en": "You removed the mask but still divided the hidden values by 1 - rate",
                "fr": "Vous avez supprimé le masque mais divisé encore les valeurs cachées",
            },
        },
        "one_dropout_left": {
            "edit": [
                (
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0)\n",
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0)\n"
                    "    rng = np.random.default_rng(seed)\n"
                    "    hidden = np.where(rng.random(hidden.shape) < rate, 0.0, hidden / (1 - rate))\n",
                ),
            ],
            "says": {
                "en": "Dropout is still on at inference",
                "fr": "Le dropout est encore actif en inférence",
            },
        },
        "one_mask_for_the_whole_batch": {
            "edit": [
                (
                    "    hidden = np.maximum(x @ kernel1 + bias1, 0)\n"
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0)\n",
                    "    rng = np.random.default_rng(seed)\n"
                    "    hidden = np.maximum(x @ kernel1 + bias1, 0)\n"
                    "    hidden = np.where(rng.random(hidden.shape[1]) < rate, 0.0, hidden / (1 - rate))\n"
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0)\n"
                    "    hidden = np.where(rng.random(hidden.shape[1]) < rate, 0.0, hidden / (1 - rate))\n",
                ),
            ],
            "says": {
                "en": "Dropout is still on at inference",
                "fr": "Le dropout est encore actif en inférence",
            },
        },
        "default_rate_set_to_zero": {
            "edit": [
                (
                    "def deployed_predict(weights, x, rate=0.5, seed=0):\n",
                    "def deployed_predict(weights, x, rate=0.0, seed=0):\n",
                ),
                (
                    "    hidden = np.maximum(x @ kernel1 + bias1, 0)\n"
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0)\n",
                    "    rng = np.random.default_rng(seed)\n"
                    "    hidden = np.maximum(x @ kernel1 + bias1, 0)\n"
                    "    hidden = np.where(rng.random(hidden.shape) < rate, 0.0, hidden / (1 - rate))\n"
                    "    hidden = np.maximum(hidden @ kernel2 + bias2, 0)\n"
                    "    hidden = np.where(rng.random(hidden.shape) < rate, 0.0, hidden / (1 - rate))\n",
                ),
            ],
            "says": {
                "en": "Dropout is still on at inference",
                "fr": "Le dropout est encore actif en inférence",
            },
        },
    },
}
