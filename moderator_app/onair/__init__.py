"""On air (pure, no Qt): the media plan, spots in air slots, and the notification that tells each sender.

The contract is docs/on-air.md. services/schedule.py and services/notify.py wire these to the cache.
"""
