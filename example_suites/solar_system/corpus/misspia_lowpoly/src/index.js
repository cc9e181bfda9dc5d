import { GameLoop, initView } from './js/app.js';
import './scss/main.scss';

initView();
GameLoop();
