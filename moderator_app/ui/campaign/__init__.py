"""The campaign as a whole: its media plan and air slots, the notifications, the dashboard."""
