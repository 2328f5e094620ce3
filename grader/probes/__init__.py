"""Probes: how a graded test reaches the student's code without sharing its process.

A test runs on the trusted side (:mod:`.remote`); each time it calls a student's name,
one request crosses to the kernel (:mod:`.client`), where :mod:`.answer` calls the name
and sends back plain data (:mod:`.wire`). This package is also mounted read-only in the
sandbox as ``grader_probes``, so nothing here may import the rest of ``grader``, and
nothing here is secret.
"""
