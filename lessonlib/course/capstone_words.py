"""The words of the capstone's two predictions (lesson 09): the prompts, the explanations
shown after the reveal, and the belief behind each wrong count (its feedback, in the form of
:mod:`lessonlib.course.beliefs`). They are declared as
activities in :mod:`lessonlib.course.activities`, the one list; their words are kept here so
that the list stays one a reader sees whole.
"""

__all__ = ["TRIP_CHANGE_WORDS"]

EMITTER = ('You counted a service besides the new one: most likely the one that announces the '
           'event the insurance reacts to. An emitter does not change when a new service '
           'subscribes: it does not know who listens (the belief "an event couples its emitter'
           ' to every reader").')
NEW_COUNTS = ('You left the new Insurance service out: it has to be built and deployed, so it '
              'counts as a change in every design (the belief "adding a service costs '
              'nothing").')
OWNER_KEEPS = ('You counted booking services too. With an owner, Car rental, Hotel and Flight '
               'keep offering the same commands; the order lives in one place, the Trip '
               'service\'s process (the belief "a new order changes every step").')
OWNER_CHANGES = ("The Trip service's process runs the bookings in a new order: its code "
                 'changes, so it counts (the belief "an owner\'s change is free").')
DOCUMENTS = ('You counted Documents or Loyalty too. They react to the flight booked, which is '
             'still the last event: they stay as they were.')

#: Each change -> its prompt, the explanation shown after the reveal, and its feedback: per
#: design, a wrong count (as digits) -> the belief behind it (the form of
#: :mod:`lessonlib.course.beliefs`, which checks it).
TRIP_CHANGE_WORDS = {
    'insurance': {
        "prompt": ('The insurance team wants to offer travel insurance for every booked trip: '
                   'a new Insurance service, wired the way the loyalty programme already is. '
                   'How many services must change in each design (the new one counts)? Type a '
                   'number for each and save.'),
        "after": ('**A reaction the receiver owns is cheaper as an event.** With every link an'
                  ' event, or decided link by link, the insurance team subscribes to the fact '
                  'that already exists and nobody else learns of it. With every link a '
                  'command, the Trip service must also learn to command the offer and run it '
                  "as a step. This is the mirror of lesson 02's payment API: there a command "
                  'API spared the receiver a change for every new caller; here an event spares'
                  ' the sender a change for every new reactor.'),
        "feedback": {
            'choreography': {
                "2": EMITTER,
                "0": NEW_COUNTS,
            },
            'link by link': {
                "2": EMITTER,
                "0": NEW_COUNTS,
            },
            'orchestration': {
                "1": ('You counted only the new service. With a command, the Trip service must '
                    'send it and put the offer into its process: it changes too (the belief "a'
                    ' command to a new service is as cheap as an event").'),
                "0": NEW_COUNTS,
                "3": ('You counted Loyalty too. It still handles AwardMiles as before: a new '
                      'command to another service changes its sender and the new receiver '
                      'only.'),
            },
        },
    },
    'hotel first': {
        "prompt": ('Hotel rooms sell out first, so the hotel should be booked before the car: '
                   'a trip with no room reserves no car. How many services must change in each'
                   ' design? Type a number for each and save.'),
        "after": ('**A sequence with an owner is cheaper to change.** Decided link by link, or'
                  ' with every link a command, the order of the bookings lives in the Trip '
                  "service's process, so only the Trip service changes. With every link an "
                  'event, the order is written in the subscriptions: the hotel now reacts to '
                  'the trip requested, the car rental to the hotel booked, and the flight to '
                  'the car reserved. Documents and Loyalty react to the flight booked, still '
                  'the last event, so they stay as they were. Across both changes, the design '
                  'decided link by link paid the lower count each time: the reactions stayed '
                  'events and the bookings stayed commands.'),
        "feedback": {
            'choreography': {
                "2": ('You counted the two services that swap. The flight, which reacted to the '
                    "hotel's event, must now react to the car's: in a chain a new order also "
                    'touches a neighbour (the belief "a change touches only the steps that '
                    'move").'),
                "1": ('A chain of events is not decoupled from its own order: the order is '
                    'written in the subscriptions of every step (the belief "choreography is '
                    'decoupled, so one service changes").'),
                "4": DOCUMENTS,
                "5": DOCUMENTS,
            },
            'orchestration': {
                "0": OWNER_CHANGES,
                "2": OWNER_KEEPS,
                "3": OWNER_KEEPS,
            },
            'link by link': {
                "0": OWNER_CHANGES,
                "2": OWNER_KEEPS,
                "3": OWNER_KEEPS,
            },
        },
    },
}
