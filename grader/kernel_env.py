"""The environment every course kernel runs in: the build's, the checks' and the sandbox's.

One place, so that the notebooks stored by the build and the kernels that grade or
re-execute them cannot drift apart (``coursetools`` sets the same defaults for students).
"""

KERNEL_ENV = {
    # No TensorFlow C++ log noise and no oneDNN reordering of float sums.
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    # Eigen's matrix products, not oneDNN's CPU-dependent sgemm (see coursetools.py).
    "TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL": "0",
    "PYTHONHASHSEED": "0",
    "OMP_NUM_THREADS": "1",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}
