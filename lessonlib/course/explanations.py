"""What a reveal explains after the counts: texts the course's predictions show once a
student's prediction is revealed (declared with the predictions in
:mod:`lessonlib.course.activities`).
"""

from __future__ import annotations

__all__ = ["CRIMINAL_CHECK_EXPLANATION"]

#: What lesson 04's reveal says the counts mean: each claim as ``coupling_report`` of the two
#: finished models shows it (tests/course/test_criminal_check_claims.py checks every
#: sentence against them). Never "the dependency points the other way": Onboarding depends
#: on the check in both styles.
CRIMINAL_CHECK_EXPLANATION = (
    "**What the counts say.** The two counts are equal: one new service and one changed "
    "service in each style. Look at *which* dependencies each style added, though.\n\n"
    "**In both styles Onboarding depends on the criminal check.** In the choreography "
    "Onboarding subscribes to `CriminalChecked` and waits for it; with orchestration "
    "Onboarding sends `CheckCriminalRecord` and waits for its answer. The service that decides "
    "whether a customer is created must know the new check either way: \"just add a listener\" "
    "was true for the check, not for the decision.\n\n"
    "**What differs is what the new service must know.** In the choreography the criminal check "
    "subscribes to `RegistrationRequested`: the criminal check depends on the Website and must "
    "know the registration domain. With orchestration the criminal check depends on no other "
    "service: it \"does not need to know anything about registrations; just provide a proper "
    "API\" (Bernd Ruecker), and the new step sits in one visible place, the onboarding process, "
    "before `CustomerCreated`.\n\n"
    "So \"choreography is more decoupled\" is a myth *for this change*: the same number of "
    "services changed, and the choreography's check came with a dependency of its own on the "
    "registration. Bernd Ruecker makes this point with this exercise in *How to tame "
    "event-driven microservices* (InfoWorld, 2019). Decoupling is not a property of a style; it "
    "comes from choosing, link by link, which side should carry each dependency (lesson 02).")
